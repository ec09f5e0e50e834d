// The client's messages in other languages: every text that reaches the user goes through l10n.t with a
// literal English key, and l10n/bundle.l10n.zh-cn.json translates every key, keeping its placeholders.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { english, l10n } from '../../../client/src/l10n';
import { clientTexts } from './l10nSource';

const ROOT = path.resolve(__dirname, '../../..');
const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const { translated, shown } = clientTexts(path.join(ROOT, 'client', 'src'));
const keys = new Set(translated.map((call) => call.key));
const BUNDLES = ['zh-cn'];

const placeholders = (text: string) => [...new Set(text.match(/\{\d+\}/g) ?? [])].sort();
const where = (call: { file: string; line: number; source: string }) => `${call.file}:${call.line} ${call.source.slice(0, 80)}`;

describe('the client: messages in the editor language', () => {
  it('declares its bundle folder in package.json', () => {
    assert.equal(manifest.l10n, './l10n');
    for (const language of BUNDLES) assert.ok(existsSync(path.join(ROOT, 'l10n', `bundle.l10n.${language}.json`)), language);
  });

  it('finds the texts it checks (the source scan works)', () => {
    assert.ok(keys.has('Trust this folder to run snippets'), 'a known key is missing from the scan');
    assert.ok(translated.length > 50, `only ${translated.length} l10n.t calls found`);
  });

  it('gives l10n.t a literal English text, never one built at run time', () => {
    assert.deepEqual(translated.filter((call) => call.key === undefined).map(where), []);
  });

  it('shows no message that skips l10n.t (a literal or a template passed straight to show…Message)', () => {
    const literal = shown.filter((call) => call.plainText);
    assert.deepEqual(literal.map(where), []);
  });

  for (const language of BUNDLES) {
    describe(`bundle.l10n.${language}.json`, () => {
      const bundle = JSON.parse(readFileSync(path.join(ROOT, 'l10n', `bundle.l10n.${language}.json`), 'utf8')) as Record<string, string>;

      it('translates every text the client shows', () => {
        assert.deepEqual(
          [...keys].filter((key) => key !== undefined && !(key in bundle)),
          [],
          'add these to the bundle (English key, translated value)',
        );
      });

      it('holds no text the client no longer shows', () => {
        assert.deepEqual(
          Object.keys(bundle).filter((key) => !keys.has(key)),
          [],
        );
      });

      it('keeps each text’s placeholders, and translates it', () => {
        for (const [key, value] of Object.entries(bundle)) {
          assert.ok((typeof value === 'string' && value.trim() !== '') || key.trim() === '', `empty translation of "${key}"`);
          assert.deepEqual(placeholders(value), placeholders(key), `placeholders of "${key}"`);
        }
        const untranslated = Object.entries(bundle).filter(
          ([key, value]) => /[a-z]{4}/i.test(key.replace(/\{\d\}|Marginalia|marginalia\.[\w.]+/g, '')) && value === key,
        );
        assert.deepEqual(untranslated, []);
        if (language.startsWith('zh')) {
          const withoutChinese = Object.entries(bundle).filter(
            ([key, value]) => /[a-z]{3}/i.test(key.replace(/Marginalia/g, '')) && !/[\u4e00-\u9fff]/.test(value),
          );
          assert.deepEqual(withoutChinese, []);
        }
      });
    });
  }

  it('fills placeholders in English outside the editor, as vscode.l10n.t does without a bundle', () => {
    assert.equal(english('Copied {0} lines from {1}', 3, 'a.md:4'), 'Copied 3 lines from a.md:4');
    assert.equal(english('{0} and {0}, {2}', 'x'), 'x and x, {2}');
    assert.equal(l10n.t('Run {0}?', 'gpu-check'), 'Run gpu-check?');
  });
});
