// The rows of the Entities view: an entity the note defines, and once expanded where it is defined and
// which notes mention it, each row saying where a click on it goes.
import assert from 'node:assert/strict';
import { detailRows, entityRow } from '../../../client/src/entityRows';
import type { EntityDetail, EntityListItem } from '../../../common/protocol';

const at = (line: number, character = 0) => ({ start: { line, character }, end: { line, character: character + 7 } });
const NOTE = 'file:///notes/tools.md';
const CARDS = 'file:///notes/cards.md';
const describe_ = (uri: string) => uri.replace('file:///notes/', '');

const gemmini: EntityListItem = {
  id: 'github:ucb-bar/gemmini',
  identities: ['github:ucb-bar/gemmini'],
  name: 'Gemmini',
  kind: 'project',
  aliases: ['gemmini'],
  summary: 'A systolic-array\naccelerator generator.',
  links: { github: 'ucb-bar/gemmini' },
  sites: [
    { uri: CARDS, range: at(2) },
    { uri: NOTE, range: at(3, 2) },
  ],
};

const detail: EntityDetail = {
  definitions: [
    { uri: CARDS, range: at(2), shape: 'table-row' },
    { uri: NOTE, range: at(3, 2), shape: 'loose-list' },
  ],
  notes: [
    { uri: 'file:///notes/plan.md', count: 120, ranges: [at(2, 2), at(4, 3)] },
    { uri: 'file:///notes/weekly.md', count: 1, ranges: [at(0, 3)] },
  ],
};

describe('the client: rows of the Entities view', () => {
  it("shows an entity the note defines by name and kind, and goes to this note's definition, not the richest one elsewhere", () => {
    const row = entityRow(gemmini, NOTE);
    assert.equal(row.label, 'Gemmini');
    assert.equal(row.description, 'project · also defined in 1 other place');
    assert.equal(row.icon, 'repo');
    assert.deepEqual(row.place, { uri: NOTE, range: at(3, 2) });
    assert.equal(row.entityId, 'github:ucb-bar/gemmini');
    assert.match(row.tooltip ?? '', /A systolic-array accelerator generator\.\n\nAlso called: gemmini/);
  });

  it('lists where the entity is defined, each a note line and its shape, then the notes mentioning it with their counts', () => {
    const [definitions, mentions] = detailRows(gemmini.id, detail, describe_);
    assert.equal(definitions.description, '2 places');
    assert.deepEqual(
      definitions.children?.map((row) => [row.label, row.description]),
      [
        ['cards.md:3', 'table row'],
        ['tools.md:4', 'list item'],
      ],
    );
    assert.deepEqual(definitions.children?.[1].place, { uri: NOTE, range: at(3, 2) });
    assert.equal(mentions.description, '2 notes');
    assert.deepEqual(
      mentions.children?.map((row) => [row.label, row.description]),
      [
        ['plan.md', '120 mentions (the first 2 listed)'],
        ['weekly.md', '1 mention'],
      ],
    );
  });

  it('opens a note at its first mention, and lists its mentions by line', () => {
    const plan = detailRows(gemmini.id, detail, describe_)[1].children![0];
    assert.deepEqual(plan.place, { uri: 'file:///notes/plan.md', range: at(2, 2) });
    assert.deepEqual(
      plan.children?.map((row) => [row.label, row.description]),
      [
        ['Line 3', 'column 3'],
        ['Line 5', 'column 4'],
      ],
    );
  });

  it('gives every row an id of its own, so that VS Code keeps expanded rows expanded across refreshes', () => {
    const rows = detailRows(gemmini.id, detail, describe_);
    const ids: string[] = [];
    const collect = (list: typeof rows) => list.forEach((row) => (ids.push(row.id), collect(row.children ?? [])));
    collect(rows);
    assert.equal(new Set(ids).size, ids.length);
    assert.deepEqual(detailRows(gemmini.id, detail, describe_), rows);
  });

  it('says so when the entity has left the index since the list was made', () => {
    assert.deepEqual(
      detailRows(gemmini.id, null, describe_).map((row) => row.label),
      ['No longer in the index: refresh the view'],
    );
  });
});
