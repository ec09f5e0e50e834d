// What note text may become in a card: links only to validated http(s) and file URLs that nothing can
// break out of, and text without characters that hide or reorder what it says.
import assert from 'node:assert/strict';
import { hoverAt } from '../../../server/src/features/hover';
import { commandLink, escapeMarkdown, linkDestination, markdownLink } from '../../../server/src/features/markdownText';
import { indexOf, noteUri } from '../helpers';

describe('card text', () => {
  describe('links', () => {
    it('percent-encodes parentheses, brackets, quotes, spaces and backslashes of a URL', () => {
      assert.equal(
        markdownLink('homepage', 'https://example.com/a)[evil](command:workbench.action.quit)'),
        '[homepage](https://example.com/a%29%5Bevil%5D%28command:workbench.action.quit%29)',
      );
      assert.equal(linkDestination('https://example.com/a b/"q"/\'s\'/x\\y'), 'https://example.com/a%20b/%22q%22/%27s%27/x/y');
      assert.equal(linkDestination('https://example.com/?q=a\\b'), 'https://example.com/?q=a%5Cb');
    });

    it('encodes what a renderer would read as an entity or an escape, and a lone %', () => {
      assert.equal(linkDestination('https://example.com/a&#41;b'), 'https://example.com/a&#41%3Bb');
      assert.equal(linkDestination('https://example.com/100%/ok%20'), 'https://example.com/100%25/ok%20');
    });

    it('keeps http, https and file URLs working: query, fragment, port, IPv6 host, non-ASCII paths', () => {
      assert.equal(
        linkDestination('https://github.com/vllm-project/vllm?tab=readme#install'),
        'https://github.com/vllm-project/vllm?tab=readme#install',
      );
      assert.equal(linkDestination('http://[::1]:8080/x(1)'), 'http://[::1]:8080/x%281%29');
      assert.equal(linkDestination('file:///notes/001_7e5cbe7abf80e26e.md#L120'), 'file:///notes/001_7e5cbe7abf80e26e.md#L120');
      assert.equal(linkDestination('https://zh.wikipedia.org/wiki/张量'), 'https://zh.wikipedia.org/wiki/%E5%BC%A0%E9%87%8F');
    });

    it('shows anything but a valid http(s) or file URL as text', () => {
      for (const url of [
        'command:workbench.action.quit',
        'javascript:alert(1)',
        'vscode://ms-vscode.foo',
        'data:text/html,x',
        'https://',
        'not a url',
        ' command:x',
      ]) {
        assert.equal(markdownLink('homepage', url), 'homepage', url);
      }
    });
  });

  describe('command links', () => {
    it('carry the arguments as percent-encoded JSON that nothing can break out of, and decode back to them', () => {
      const args = [{ entityId: 'name:清华Jittor(计图) "x" [y]', uri: 'file:///notes/a b.md', position: { line: 2, character: 5 } }];
      const link = commandLink('mentioned in 2 notes', 'marginalia.showEntityReferences', args);
      const [, label, query] = /^\[(.*)\]\(command:marginalia\.showEntityReferences\?([^()\s"'\[\]]*)\)$/.exec(link) ?? [];
      assert.equal(label, 'mentioned in 2 notes', link);
      assert.deepEqual(JSON.parse(decodeURIComponent(query)), args);
    });

    it('refuse a command id that is not one', () => {
      assert.throws(() => commandLink('x', 'a)(b', []));
    });
  });

  describe('controls', () => {
    it('names bidi overrides and isolates instead of letting them reorder the card', () => {
      assert.equal(escapeMarkdown('evil\u202Etxt.exe'), 'evil\\[U\\+202E\\]txt\\.exe');
      assert.equal(escapeMarkdown('a\u2066b\u2069c\u202Ad'), 'a\\[U\\+2066\\]b\\[U\\+2069\\]c\\[U\\+202A\\]d');
    });

    it('removes zero-width characters, bidi marks and control characters, and keeps emoji joined', () => {
      assert.equal(escapeMarkdown('v\u200BL\u200CL\u200DM\u2060 \uFEFFx\u200F\u001B[31m\u0007'), 'vLLM x\\[31m');
      assert.equal(escapeMarkdown('team 👩\u200D💻'), 'team 👩\u200D💻');
      assert.equal(escapeMarkdown('line one\nline\ttwo'), 'line one\nline\ttwo');
    });
  });

  it('a front-matter homepage holding ")" cannot put a command link into the card, nor bidi controls', async () => {
    const { index } = await indexOf({
      'evil.md': [
        '---',
        'title: "Evil\u202Egnp.exe"',
        'aliases: [EvilLib]',
        'summary: "Looks harmless\u200B"',
        'homepage: "https://example.com/a)[evil](command:workbench.action.quit)"',
        '---',
        '',
        'EvilLib is here.',
        '',
      ].join('\n'),
    });
    const card = hoverAt(index, noteUri('evil.md'), { line: 7, character: 2 }, (uri) => uri.split('/').pop()!)?.markdown ?? '';
    assert.match(card, /\[homepage\]\(https:\/\/example\.com\/a%29%5Bevil%5D%28command:workbench\.action\.quit%29\)/, card);
    assert.ok(!/\]\(command:/.test(card), card);
    assert.ok(!/[\u202A-\u202E\u2066-\u2069\u200B]/.test(card), card);
    assert.match(card, /Evil\\\[U\\\+202E\\\]gnp\\\.exe/);
  });
});
