import assert from 'node:assert/strict';
import { DEFAULT_CONFIG } from '../../../../server/src/config';
import { createExternalLinkChecker } from '../../../../server/src/features/links/external';
import { externalCheckOptions, webUrlsToCheck } from '../../../../server/src/features/links/webLinks';
import { startTestServer, type TestServer } from './external/test-server';
import { checked, sourceAt } from './helpers';

describe('external checks wired to the notes', function () {
  this.timeout(30_000);
  let server: TestServer;

  before(async () => {
    server = await startTestServer();
  });

  after(async () => {
    await server.close();
  });

  function noteLinking(origin: string): string {
    return [
      `[ok](${origin}/ok) [moved](${origin}/moved) [missing](${origin}/missing) [gone](${origin}/gone)`,
      `[forbidden](${origin}/forbidden) <img src="${origin}/missing?img=1">`,
      `[ref][r] [silenced](${origin}/missing?silenced=1) <!-- marginalia-ignore -->`,
      `[ignored](${origin}/missing?ignored=1) [redirect to metadata](${origin}/redirect-to-metadata) [mail](mailto:x@example.com)`,
      '',
      `[r]: ${origin}/gone?ref=1`,
    ].join('\n');
  }

  it('reports dead links as link.external-dead and 403s as link.external-unverified, on each link target', async () => {
    const text = noteLinking(server.origin);
    const settings = { ...DEFAULT_CONFIG.links, ignore: [`${server.origin}/missing?ignored=1`] };
    const { index } = await checked({ 'note.md': text });
    const urls = webUrlsToCheck(index, index.noteUris(), settings);
    assert.ok(
      !urls.some((url) => url.includes('ignored') || url.includes('silenced')),
      'ignored and silenced links are not even requested',
    );
    const options = externalCheckOptions({ ...DEFAULT_CONFIG.links.external, allowList: ['127.0.0.1'] }, undefined);
    const results = await createExternalLinkChecker(options).checkAll(urls);
    const { diagnosticsOf } = await checked({ 'note.md': text }, settings, results);
    const reported = diagnosticsOf('note.md').map((diagnostic) => [
      diagnostic.code,
      sourceAt(text, diagnostic.range).replace(server.origin, ''),
    ]);
    assert.deepEqual(reported, [
      ['link.external-dead', '/missing'],
      ['link.external-dead', '/gone'],
      ['link.external-unverified', '/forbidden'],
      ['link.external-dead', '/missing?img=1'],
      ['link.external-dead', '/gone?ref=1'],
    ]);
    assert.equal(server.hits('/missing?ignored=1'), 0);
    assert.equal(server.hits('/missing?silenced=1'), 0);
    // The redirect to 169.254.169.254 was refused by the guard: that says nothing about the link, so nothing is reported.
    assert.ok(server.hits('/redirect-to-metadata') > 0);
  });

  it('sends nothing to 127.0.0.1 without the allow-list: the guard blocks it and nothing is reported', async () => {
    const before = server.requests.length;
    const text = noteLinking(server.origin);
    const { index } = await checked({ 'note.md': text });
    const results = await createExternalLinkChecker(externalCheckOptions(DEFAULT_CONFIG.links.external, undefined)).checkAll(
      webUrlsToCheck(index, index.noteUris(), DEFAULT_CONFIG.links),
    );
    assert.ok([...results.values()].every((result) => result.status === 'blocked' || result.status === 'skipped'));
    assert.equal(server.requests.length, before);
    const { diagnosticsOf } = await checked({ 'note.md': text }, DEFAULT_CONFIG.links, results);
    assert.deepEqual(
      diagnosticsOf('note.md').map((diagnostic) => diagnostic.code),
      [],
    );
  });
});
