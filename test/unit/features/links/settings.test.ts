import assert from 'node:assert/strict';
import { DEFAULT_CONFIG, readConfig } from '../../../../server/src/config';
import type { LinkSettings } from '../../../../server/src/features/links/policy';
import { checked, problemsIn } from './helpers';

const settings = (overrides: Partial<LinkSettings>): LinkSettings => ({ ...DEFAULT_CONFIG.links, ...overrides });

describe('what link checks report: severities, ignored targets and inline silencing', () => {
  describe('marginalia.links.severity', () => {
    it('changes the severity of one code and turns another off', async () => {
      const text = '[a](gone.md) [b]()\n';
      const { diagnosticsOf } = await checked(
        { 'note.md': text },
        settings({ severity: { 'link.file-not-found': 'warning', 'link.empty': 'off' } }),
      );
      assert.deepEqual(
        diagnosticsOf('note.md').map((diagnostic) => [diagnostic.code, diagnostic.severity]),
        [['link.file-not-found', 'warning']],
      );
    });

    it('is read from the settings with validation: unknown codes and levels are reported and skipped', () => {
      const problems: string[] = [];
      const config = readConfig(
        { links: { severity: { 'link.empty': 'off', 'link.nonsense': 'error', 'link.file-not-found': 'fatal' } } },
        (problem) => problems.push(problem),
      );
      assert.deepEqual(config.links.severity, { 'link.empty': 'off' });
      assert.equal(problems.length, 2);
      assert.match(problems[0], /unknown code 'link\.nonsense'/);
      assert.match(problems[1], /'link\.file-not-found' must be error, warning, info or off/);
    });
  });

  describe('marginalia.links.ignore', () => {
    const text = '[a](drafts/todo.md) [b](paper.pdf) [c](https://) [d](gone.md#part) [e](kept.md)\n';

    it('drops targets matching a glob (`drafts/**`, `*.pdf`) or written exactly (with or without the fragment)', async () => {
      const problems = await problemsIn(
        { 'note.md': text },
        'note.md',
        settings({ ignore: ['drafts/**', '*.pdf', 'https://', 'gone.md'] }),
      );
      assert.deepEqual(problems, ['link.file-not-found kept.md']);
    });

    it('matches whole URLs with `https://**`, which keeps every web link from being reported or checked', async () => {
      const web = '[b](<https://exa mple.com/y>) [c](http://[bad/)\n';
      assert.equal((await problemsIn({ 'note.md': web })).length, 2);
      assert.deepEqual(await problemsIn({ 'note.md': web }, 'note.md', settings({ ignore: ['http://**', 'https://**'] })), []);
    });

    it('reports everything without it', async () => {
      assert.equal((await problemsIn({ 'note.md': text })).length, 5);
    });

    it('is read from the settings, and a wrong value falls back to none with a report', () => {
      const problems: string[] = [];
      assert.deepEqual(readConfig({ links: { ignore: ['*.pdf'] } }).links.ignore, ['*.pdf']);
      assert.deepEqual(readConfig({ links: { ignore: '*.pdf' } }, (problem) => problems.push(problem)).links.ignore, []);
      assert.match(problems[0], /marginalia\.links\.ignore/);
    });
  });

  it('reads marginalia.links.anchors: github unless loose is asked for, and a wrong value falls back with a report', () => {
    const problems: string[] = [];
    assert.equal(readConfig({}).links.anchors, 'github');
    assert.equal(readConfig({ links: { anchors: 'loose' } }).links.anchors, 'loose');
    assert.equal(readConfig({ links: { anchors: 'obsidian' } }, (problem) => problems.push(problem)).links.anchors, 'github');
    assert.match(problems[0], /marginalia\.links\.anchors must be one of github, loose/);
  });

  describe('inline silencing with HTML comments', () => {
    it('<!-- marginalia-ignore --> silences the links of its own line only', async () => {
      const text = '[a](gone-a.md) <!-- marginalia-ignore -->\n[b](gone-b.md)\n';
      assert.deepEqual(await problemsIn({ 'note.md': text }), ['link.file-not-found gone-b.md']);
    });

    it('<!-- marginalia-ignore-next-line --> silences the line below it', async () => {
      const text = '<!-- marginalia-ignore-next-line -->\n[a](gone-a.md)\n[b](gone-b.md)\n';
      assert.deepEqual(await problemsIn({ 'note.md': text }), ['link.file-not-found gone-b.md']);
    });

    it('<!-- marginalia-ignore-start --> … <!-- marginalia-ignore-end --> silences a region; an unclosed start runs to the end', async () => {
      const text =
        '[a](gone-a.md)\n<!-- marginalia-ignore-start -->\n[b](gone-b.md)\n\n[c]()\n<!-- marginalia-ignore-end -->\n[d](gone-d.md)\n<!-- marginalia-ignore-start -->\n[e](gone-e.md)\n';
      assert.deepEqual(await problemsIn({ 'note.md': text }), ['link.file-not-found gone-a.md', 'link.file-not-found gone-d.md']);
    });

    it('does not obey comments inside code blocks, which are examples', async () => {
      const text = '```html\n<!-- marginalia-ignore-start -->\n```\n\n[a](gone-a.md)\n';
      assert.deepEqual(await problemsIn({ 'note.md': text }), ['link.file-not-found gone-a.md']);
    });
  });

  it('reads the external check settings with their defaults: off, no allow-list, a day of cache', () => {
    assert.deepEqual(readConfig({}).links.external, {
      enabled: false,
      allowList: [],
      userAgent: '',
      timeoutSeconds: 10,
      cacheMaxAgeHours: 24,
    });
    const config = readConfig({ links: { external: { enabled: true, allowList: ['127.0.0.1'], timeoutSeconds: 3 } } });
    assert.equal(config.links.external.enabled, true);
    assert.deepEqual(config.links.external.allowList, ['127.0.0.1']);
    assert.equal(config.links.external.timeoutSeconds, 3);
  });
});
