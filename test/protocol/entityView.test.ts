// The requests behind the Entities view, over stdio: the entities a note defines, and an entity's
// definitions and the notes mentioning it, on the seeds and on a note being edited.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import type { EntityDetail, EntityListItem, RelatedEntity } from '../../common/protocol';
import { serverOnSeedCopy } from './lspClient';

const AI_OS = '001_7e5cbe7abf80e26e.md';
const where = (site: { uri: string; range: { start: { line: number } } }) => `${path.basename(site.uri)}:${site.range.start.line + 1}`;

describe('the language server: marginalia/noteEntities and marginalia/entityDetail', function () {
  this.timeout(60_000);
  const server = serverOnSeedCopy();
  const noteEntities = (uri: string) =>
    server.client.connection.sendRequest('marginalia/noteEntities', { textDocument: { uri } }) as Promise<EntityListItem[]>;
  const entityDetail = (entityId: string) =>
    server.client.connection.sendRequest('marginalia/entityDetail', { entityId }) as Promise<EntityDetail | null>;

  it('lists the entities a seed note defines, in note order, vLLM among them with its site in that note', async () => {
    const entities = await noteEntities(server.client.uri(AI_OS));
    assert.ok(entities.length > 10, `${entities.length} entities`);
    const vllm = entities.find((entity) => entity.name === 'vLLM');
    assert.equal(vllm?.id, 'github:vllm-project/vllm');
    assert.ok(vllm.sites.some((site) => where(site) === `${AI_OS}:120`));
    const firstLines = entities.map((entity) =>
      Math.min(...entity.sites.filter((site) => site.uri.endsWith(AI_OS)).map((site) => site.range.start.line)),
    );
    assert.deepEqual(
      firstLines,
      [...firstLines].sort((a, b) => a - b),
    );
  });

  it("follows the editor's text: a definition typed into a new note is listed", async () => {
    const uri = await server.client.open('tools.md', '# 工具\n\n- Triton: https://github.com/triton-lang/triton\n');
    assert.deepEqual(
      (await noteEntities(uri)).map((entity) => entity.name),
      ['Triton'],
    );
  });

  it('gives Megatron-LM its two definitions, richest first, and the notes that mention it', async () => {
    const megatron = (await noteEntities(server.client.uri('002_cb18c87924e80d70.md'))).find((entity) => entity.name === 'Megatron-LM');
    assert.ok(megatron);
    const detail = await entityDetail(megatron.id);
    assert.ok(detail);
    assert.deepEqual(detail.definitions.map(where), ['002_cb18c87924e80d70.md:395', '000_2a3c44dcec08f07f.md:1110']);
    assert.ok(detail.definitions.every((site) => typeof site.shape === 'string'));
    assert.ok(detail.notes.length > 0, 'some note mentions Megatron-LM');
    for (const note of detail.notes) assert.ok(note.count >= note.ranges.length && note.ranges.length > 0);
    const counts = detail.notes.map((note) => note.count);
    assert.deepEqual(
      counts,
      [...counts].sort((a, b) => b - a),
    );
  });

  it('answers null for an entity it does not know', async () => {
    assert.equal(await entityDetail('github:nobody/nothing'), null);
  });

  it('names the entities mentioned in the notes that mention Megatron-LM, most shared notes first, and none for an unknown id', async () => {
    const related = async (entityId: string) =>
      (await server.client.connection.sendRequest('marginalia/relatedEntities', { entityId })) as RelatedEntity[];
    const megatron = (await noteEntities(server.client.uri('002_cb18c87924e80d70.md'))).find((entity) => entity.name === 'Megatron-LM');
    assert.ok(megatron);
    const around = await related(megatron.id);
    assert.ok(around.length > 0 && around.length <= 12, `${around.length} related`);
    assert.ok(!around.some((entity) => entity.id === megatron.id));
    assert.ok(around.every((entity) => entity.notes >= 1 && entity.name && entity.kind));
    const counts = around.map((entity) => entity.notes);
    assert.deepEqual(
      counts,
      [...counts].sort((a, b) => b - a),
    );
    assert.deepEqual(await related('github:nobody/nothing'), []);
  });
});
