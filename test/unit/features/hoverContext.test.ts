import assert from 'node:assert/strict';
import { definitionsAt } from '../../../server/src/features/definition';
import { hoverAt } from '../../../server/src/features/hover';
import { referencesAt } from '../../../server/src/features/references';
import type { NotesIndex } from '../../../server/src/index/notesIndex';
import { indexOf, noteUri, positionOf } from '../helpers';

// Two projects called `Slurm Exporter`, told apart only by their repositories. Each test gives the notes,
// the cursor (a note, a 1-based line and the text under it) and what the reader should see.
const TREYDOCK = 'https://github.com/treydock/prometheus-slurm-exporter';
const UBCCR = 'https://github.com/ubccr/slurm-exporter';
const table = (...rows: string[]) => `| 项目 | 介绍 |\n|---|---|\n${rows.map((row) => `${row}\n`).join('')}`;
const treydockRow = `| [Slurm Exporter](${TREYDOCK}) | Prometheus exporter |`;
const ubccrRow = `| [Slurm Exporter](${UBCCR}) | using the REST API |`;

const fileName = (uri: string) => uri.split('/').pop() ?? uri;

async function cardAt(files: Record<string, string>, note: string, line: number, needle: string): Promise<string> {
  const { index } = await indexOf(files);
  return hoverAt(index, noteUri(note), positionOf(files[note], line, needle), fileName)?.markdown ?? '';
}

/** The repository on the card: which of the two the hover chose. */
function repositoryOn(card: string): string | undefined {
  return /GitHub: \[([^\]]+)\]/.exec(card)?.[1].replace(/\\/g, '');
}

describe('hover, definition and references on a name two entities share', () => {
  it('a mention in the note that defines one shows that one, and names the other in one line', async () => {
    const files = {
      'a.md': `${table(treydockRow)}\nWe scrape Slurm Exporter metrics every minute.\n`,
      'b.md': `${table(ubccrRow)}\nSlurm Exporter needs slurmrestd.\n`,
    };
    const card = await cardAt(files, 'a.md', 5, 'Slurm Exporter');
    assert.equal(repositoryOn(card), 'treydock/prometheus-slurm-exporter');
    assert.equal(card.split('---').length, 1, 'one card, not a stack');
    assert.ok(card.endsWith('*Also named "Slurm Exporter":* 1 other entity — Slurm Exporter ([b\\.md:3](file:///notes/b.md#L3))'), card);
    assert.equal(repositoryOn(await cardAt(files, 'b.md', 5, 'Slurm Exporter')), 'ubccr/slurm-exporter');
  });

  it('a mention in a note that defines neither shows the one defined in its own folder', async () => {
    const files = {
      'hpc/exporters.md': table(treydockRow),
      'ml/exporters.md': table(ubccrRow),
      'hpc/todo.md': 'Upgrade Slurm Exporter on the login nodes.\n',
      'ml/todo.md': 'Upgrade Slurm Exporter on the GPU nodes.\n',
    };
    assert.equal(repositoryOn(await cardAt(files, 'hpc/todo.md', 1, 'Slurm Exporter')), 'treydock/prometheus-slurm-exporter');
    assert.equal(repositoryOn(await cardAt(files, 'ml/todo.md', 1, 'Slurm Exporter')), 'ubccr/slurm-exporter');
  });

  it('a mention in an unrelated note shows the better described one', async () => {
    const files = {
      'a.md': `Slurm Exporter: ${TREYDOCK}\n`,
      'b.md': table(ubccrRow),
      'c.md': 'Dashboards read Slurm Exporter metrics.\n',
    };
    const card = await cardAt(files, 'c.md', 1, 'Slurm Exporter');
    assert.equal(repositoryOn(card), 'ubccr/slurm-exporter', 'the one with a summary');
    assert.match(card, /using the REST API/);
    assert.match(card, /1 other entity — Slurm Exporter \(\[a\\\.md:1\]/);
  });

  it('on a definition, shows the entity defined there even when the note defines another of the same name', async () => {
    const note = [
      '# Exporters',
      '',
      '## Slurm Exporter',
      '',
      `Prometheus exporter for Slurm. ${TREYDOCK}`,
      '',
      '## Slurm Exporter',
      '',
      `Reads Slurm through the REST API. ${UBCCR}`,
      '',
    ].join('\n');
    const files = { 'exporters.md': note };
    assert.equal(repositoryOn(await cardAt(files, 'exporters.md', 3, 'Slurm Exporter')), 'treydock/prometheus-slurm-exporter');
    assert.equal(repositoryOn(await cardAt(files, 'exporters.md', 7, 'Slurm Exporter')), 'ubccr/slurm-exporter');
  });

  it("on a link to one entity's repository, shows that entity whatever else the label names", async () => {
    // The note defines treydock's exporter, which would win the bare name here; the link says ubccr's is meant.
    const files = {
      'a.md': table(
        treydockRow,
        `| [Node Exporter](https://github.com/prometheus/node_exporter) | host metrics, as [Slurm Exporter](${UBCCR}) does for jobs |`,
      ),
      'b.md': table(ubccrRow),
    };
    const card = await cardAt(files, 'a.md', 4, 'Slurm Exporter');
    assert.equal(repositoryOn(card), 'ubccr/slurm-exporter');
    assert.match(card, /1 other entity — Slurm Exporter \(\[a\\\.md:3\]/);
  });

  it('names at most three others, each with the note and line of its definition, and counts the rest', async () => {
    const exporter = (owner: string) => `| [Slurm Exporter](https://github.com/${owner}/slurm-exporter) | exporter by ${owner} |`;
    const files = {
      'a.md': `${table(treydockRow)}\nSlurm Exporter runs on every node.\n`,
      'b.md': table(exporter('ubccr'), exporter('vpenso'), exporter('guilbaults'), exporter('rivosinc')),
    };
    const card = await cardAt(files, 'a.md', 5, 'Slurm Exporter');
    assert.equal(repositoryOn(card), 'treydock/prometheus-slurm-exporter');
    const lastLine = card.split('\n').pop();
    assert.match(
      lastLine ?? '',
      /^\*Also named "Slurm Exporter":\* 4 other entities — Slurm Exporter \(\[b\\\.md:\d\]\(file:\/\/\/notes\/b\.md#L\d\)\), Slurm Exporter \(.*\), Slurm Exporter \(.*\) and 1 more$/,
    );
  });

  describe('go to definition and find references', () => {
    const files = {
      'a.md': `${table(treydockRow)}\nWe scrape Slurm Exporter metrics every minute.\n`,
      'b.md': `${table(ubccrRow)}\nSlurm Exporter needs slurmrestd.\n`,
    };
    const cursor = positionOf(files['b.md'], 5, 'Slurm Exporter');
    const at = (locations: Array<{ uri: string; range: { start: { line: number } } }>) =>
      locations.map((location) => `${fileName(location.uri)}:${location.range.start.line + 1}`).sort();
    let index: NotesIndex;
    before(async () => ({ index } = await indexOf(files)));

    it('go to definition goes to the definition of the one meant, not to every entity of that name', () => {
      assert.deepEqual(at(definitionsAt(index, noteUri('b.md'), cursor)?.sites ?? []), ['b.md:3']);
    });

    it("find references lists the places that mean that one: not the other's definition nor mentions that mean the other", () => {
      assert.deepEqual(at(referencesAt(index, noteUri('b.md'), cursor, true)), ['b.md:3', 'b.md:5']);
      assert.deepEqual(at(referencesAt(index, noteUri('b.md'), cursor, false)), ['b.md:5']);
    });
  });
});
