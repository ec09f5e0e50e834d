import assert from 'node:assert/strict';
import { orderByContext, type MentionCandidate } from '../../../server/src/index/mentionContext';

// Candidates as plain data: where each entity is defined, whether it has a summary, how many notes name it.
const onLine = (uri: string, line: number, from = 0, to = 14) => ({
  uri,
  range: { start: { line, character: from }, end: { line, character: to } },
});

function candidate(id: string, facts: Partial<MentionCandidate> = {}): MentionCandidate {
  return { id, exact: true, summary: 'described', sites: [], notesMentioning: 1, ...facts };
}

const ids = (candidates: readonly MentionCandidate[]) => candidates.map((entry) => entry.id);

describe('which entity a mention of a shared name means', () => {
  const here = { uri: 'file:///notes/hpc/a.md', position: { line: 9, character: 3 } };

  it('the one defined under the cursor, even when another is defined in the same note', () => {
    const elsewhereInNote = candidate('github:treydock/prometheus-slurm-exporter', { sites: [onLine(here.uri, 2)] });
    const underCursor = candidate('github:ubccr/slurm-exporter', { sites: [onLine(here.uri, 9)] });
    assert.deepEqual(ids(orderByContext([elsewhereInNote, underCursor], here)), [
      'github:ubccr/slurm-exporter',
      'github:treydock/prometheus-slurm-exporter',
    ]);
  });

  it('then the one defined in the same note, over a better described one defined elsewhere', () => {
    const famous = candidate('arxiv:orca', {
      sites: [onLine('file:///notes/llm.md', 1), onLine('file:///notes/llm2.md', 1)],
      notesMentioning: 9,
    });
    const local = candidate('github:vectorblox/orca', { summary: '', sites: [onLine(here.uri, 42)] });
    assert.deepEqual(ids(orderByContext([famous, local], here)), ['github:vectorblox/orca', 'arxiv:orca']);
  });

  it('then the one defined in the same folder', () => {
    const otherFolder = candidate('b', { sites: [onLine('file:///notes/ml/b.md', 1)], notesMentioning: 5 });
    const sameFolder = candidate('c', { summary: '', sites: [onLine('file:///notes/hpc/c.md', 1)] });
    assert.deepEqual(ids(orderByContext([otherFolder, sameFolder], here)), ['c', 'b']);
  });

  it('a folder is its own: a note in a subfolder is not in the same folder', () => {
    const parentFolder = candidate('b', { sites: [onLine('file:///notes/b.md', 1)] });
    const subFolder = candidate('c', { sites: [onLine('file:///notes/hpc/deeper/c.md', 1)] });
    const sameFolder = candidate('d', { summary: '', sites: [onLine('file:///notes/hpc/d.md', 1)] });
    assert.deepEqual(ids(orderByContext([parentFolder, subFolder, sameFolder], here)), ['d', 'b', 'c']);
  });

  it("then the nearest folder above the note, ahead of a sibling folder (a vault's top notes speak for all of it)", () => {
    const sibling = candidate('hf:huggingfacem4/idefics-80b', { sites: [onLine('file:///notes/training/a.md', 1)], notesMentioning: 5 });
    const top = candidate('hf:huggingfacem4/idefics-80b-instruct', { summary: '', sites: [onLine('file:///notes/README.md', 7)] });
    const parent = candidate('parent', { summary: '', sites: [onLine('file:///notes/hpc/README.md', 7)] });
    const deeper = { uri: 'file:///notes/hpc/sub/x.md', position: { line: 1, character: 1 } };
    assert.deepEqual(ids(orderByContext([sibling, top, parent], deeper)), [
      'parent',
      'hf:huggingfacem4/idefics-80b-instruct',
      'hf:huggingfacem4/idefics-80b',
    ]);
  });

  it('elsewhere, the best described: a summary, then more definitions, then more notes naming it, then the id', () => {
    const far = (line: number) => onLine('file:///notes/ml/x.md', line);
    const bare = candidate('a-bare', { summary: '', sites: [far(1), far(2), far(3)], notesMentioning: 50 });
    const described = candidate('b-described', { sites: [far(4)], notesMentioning: 1 });
    const definedTwice = candidate('c-twice', { sites: [far(5), far(6)], notesMentioning: 1 });
    const muchNamed = candidate('d-named', { sites: [far(7)], notesMentioning: 8 });
    const tieLater = candidate('f-tie', { sites: [far(8)] });
    const tieEarlier = candidate('e-tie', { sites: [far(9)] });
    assert.deepEqual(ids(orderByContext([bare, described, definedTwice, muchNamed, tieLater, tieEarlier], here)), [
      'c-twice',
      'd-named',
      'b-described',
      'e-tie',
      'f-tie',
      'a-bare',
    ]);
  });

  it('called exactly what the note says beats the folder and the description, but not a definition in the note', () => {
    // `DeepSpeed` is also an alias of `微软CNTK加速库、DeepSpeed`: the exact name wins unless the note defines the other.
    const exactFar = candidate('deepspeed', { summary: '', sites: [onLine('file:///notes/ml/x.md', 1)] });
    const partInFolder = candidate('cntk', { exact: false, sites: [onLine('file:///notes/hpc/y.md', 1)], notesMentioning: 9 });
    assert.deepEqual(ids(orderByContext([partInFolder, exactFar], here)), ['deepspeed', 'cntk']);
    const partInNote = { ...partInFolder, sites: [onLine(here.uri, 30)] };
    assert.deepEqual(ids(orderByContext([exactFar, partInNote], here)), ['cntk', 'deepspeed']);
  });

  it('gives the same answer whatever order the candidates come in, and leaves the input alone', () => {
    const input = [candidate('b'), candidate('a'), candidate('c')];
    assert.deepEqual(ids(orderByContext(input, here)), ['a', 'b', 'c']);
    assert.deepEqual(ids(orderByContext([...input].reverse(), here)), ['a', 'b', 'c']);
    assert.deepEqual(ids(input), ['b', 'a', 'c']);
  });
});
