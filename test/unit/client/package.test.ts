// What `vsce` puts into the .vsix, by .vscodeignore: exactly what VS Code and the listing need. `vsce ls`
// lists the files without building, so this runs with the unit tests; `npm run test:e2e:vsix` builds a
// real package and checks its bundles are minified.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';

const ROOT = path.resolve(__dirname, '../../..');
const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const NLS_FILES = ['package.nls.json', 'package.nls.zh-cn.json'];
/** A manifest text in every language: a %key% as each package.nls*.json names it. */
function inEveryLanguage(text: string): string[] {
  const key = /^%([\w.-]+)%$/.exec(text)?.[1];
  if (key === undefined) return [text];
  return NLS_FILES.map((file) => JSON.parse(readFileSync(path.join(ROOT, file), 'utf8'))[key] ?? text);
}

/** The relative links and images of a Markdown file, outside code. */
function relativeTargets(markdown: string): string[] {
  const prose = markdown.replace(/^(`{3,}|~{3,})[^\n]*\n[\s\S]*?^\1\s*$/gm, '').replace(/`[^`\n]*`/g, '');
  return [...prose.matchAll(/\]\(([^)\s]+)\)/g)]
    .map((match) => match[1].split('#')[0])
    .filter((target) => target && !/^[a-z][\w+.-]*:/i.test(target));
}

describe('the client: the packaged extension', function () {
  this.timeout(120_000);
  let files: string[] = [];

  before(() => {
    const vsce = path.join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
    const listed = spawnSync(process.execPath, [vsce, 'ls', '--no-dependencies'], { cwd: ROOT, encoding: 'utf8', timeout: 110_000 });
    assert.equal(listed.status, 0, `vsce ls failed:\n${listed.stdout}${listed.stderr}`);
    files = listed.stdout.split('\n').filter(Boolean).sort();
  });

  it('holds the bundles, the manifest with its translations and message bundles, and the walkthrough with its sample notes', () => {
    const walkthroughPages = manifest.contributes.walkthroughs.flatMap((w: { steps: Array<{ media: { markdown: string } }> }) =>
      w.steps.flatMap((step) => inEveryLanguage(step.media.markdown)),
    );
    assert.ok(walkthroughPages.includes('walkthrough/hover.zh-cn.md'), `pages: ${walkthroughPages.join(', ')}`);
    for (const file of [
      'dist/extension.js',
      'dist/server.js',
      'dist/parseWorker.js',
      'dist/cli.js',
      'package.json',
      'package.nls.json',
      'package.nls.zh-cn.json',
      'l10n/bundle.l10n.zh-cn.json',
      'README.md',
      'CHANGELOG.md',
      'LICENSE',
      manifest.icon,
      'schemas/marginalia.schema.json',
      'sample-notes/README.md',
      ...walkthroughPages,
    ]) {
      assert.ok(files.includes(file), `${file} is not packaged`);
    }
  });

  it('holds every file the README links to or shows (relative links, kept relative by --no-rewrite-relative-links)', () => {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const targets = [...new Set(relativeTargets(readme).map((target) => decodeURI(target)))];
    assert.ok(targets.includes('docs/client.md'), `links found: ${targets.join(', ')}`);
    assert.deepEqual(
      targets.filter((target) => !files.includes(path.posix.normalize(target))),
      [],
    );
  });

  it('holds nothing else: no sources, tests, source maps or node_modules', () => {
    const allowed = picomatch([
      'dist/{extension,server,parseWorker,cli}.js',
      'package.json',
      'package.nls.json',
      'package.nls.*.json',
      'l10n/bundle.l10n.*.json',
      '{README,CHANGELOG}.md',
      'LICENSE',
      'docs/*.md',
      'images/*.png',
      'walkthrough/*.md',
      'sample-notes/*.md',
      'syntaxes/*.json',
      'snippets/*.json',
      'schemas/*.json',
    ]);
    assert.deepEqual(
      files.filter((file) => !allowed(file)),
      [],
    );
  });
});
