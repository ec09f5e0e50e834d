import assert from 'node:assert/strict';
import * as path from 'node:path';
import type { EntityListItem } from '../../common/protocol';
import { serverOnSeedCopy, withTimeout } from './lspClient';

const where = (site: EntityListItem['sites'][number]) => `${path.basename(site.uri)}:${site.range.start.line + 1}`;

describe('the language server: marginalia/entities', function () {
  this.timeout(60_000);
  const server = serverOnSeedCopy();

  it('lists every project and paper with id, kind, aliases, summary, links and sites', async () => {
    const entities = (await server.client.connection.sendRequest('marginalia/entities')) as EntityListItem[];
    assert.ok(entities.length > 100, `${entities.length} entities`);
    const vllm = entities.find((entity) => entity.name === 'vLLM');
    assert.ok(vllm);
    assert.equal(vllm.id, 'github:vllm-project/vllm');
    assert.equal(vllm.kind, 'project');
    assert.equal(vllm.links.github, 'vllm-project/vllm');
    assert.match(vllm.summary, /PagedAttention/);
    assert.equal(where(vllm.sites[0]), '001_7e5cbe7abf80e26e.md:120');
    assert.deepEqual(Object.keys(vllm.sites[0]).sort(), ['range', 'uri']);
    assert.ok(entities.some((entity) => entity.kind === 'paper' && entity.name.startsWith('Mooncake')));
  });

  it('puts the richest description first among several sites (Megatron-LM: the card in 002 before the list item in 000)', async () => {
    const entities = (await server.client.connection.sendRequest('marginalia/entities')) as EntityListItem[];
    const megatron = entities.find((entity) => entity.name === 'Megatron-LM');
    assert.deepEqual(megatron?.sites.map(where), ['002_cb18c87924e80d70.md:395', '000_2a3c44dcec08f07f.md:1110']);
  });

  it('reports the new entity count in marginalia/status after an edit adds an entity', async () => {
    const before = (await server.client.connection.sendRequest('marginalia/status')) as { entities: number };
    const next = new Promise<{ state: string; entities: number }>((resolve) => {
      server.client.connection.onNotification('marginalia/status', (status: { state: string; entities: number }) => {
        if (status.entities !== before.entities) resolve(status);
      });
    });
    await server.client.open('new.md', '# Tools\n\nTriton: https://github.com/triton-lang/triton\n');
    const status = await withTimeout(next, 10_000, 'no marginalia/status with a new entity count');
    assert.deepEqual([status.state, status.entities], ['ready', before.entities + 1]);
  });
});
