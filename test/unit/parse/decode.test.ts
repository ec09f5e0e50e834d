import assert from 'node:assert/strict';
import { decodeNote, decodeNoteInSlices } from '../../../server/src/parse/decode';

const utf8 = (text: string) => new TextEncoder().encode(text);

describe('decoding note bytes', () => {
  it('reads UTF-8 with and without a byte order mark', () => {
    assert.deepEqual(decodeNote(utf8('# 简介')), { ok: true, text: '# 简介', problems: [] });
    assert.deepEqual(decodeNote(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('# x')])), { ok: true, text: '# x', problems: [] });
  });

  it('reads UTF-16 little and big endian with a byte order mark', () => {
    const le = new Uint8Array([0xff, 0xfe, 0x23, 0x00, 0x20, 0x00, 0x80, 0x7b]);
    const be = new Uint8Array([0xfe, 0xff, 0x00, 0x23, 0x00, 0x20, 0x7b, 0x80]);
    assert.equal(decodeNote(le).ok && (decodeNote(le) as { text: string }).text, '# 简');
    assert.equal(decodeNote(be).ok && (decodeNote(be) as { text: string }).text, '# 简');
  });

  it('repairs invalid UTF-8 and says at which byte', () => {
    const result = decodeNote(new Uint8Array([...utf8('abc'), 0xff, ...utf8('def')]));
    assert.ok(result.ok);
    assert.equal(result.text, 'abc\uFFFDdef');
    assert.match(result.problems[0], /invalid UTF-8 at byte 3/);
  });

  it('refuses binary content', () => {
    assert.deepEqual(decodeNote(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01])), { ok: false, reason: 'binary content (NUL bytes), not a text note' });
  });

  it('accepts an empty file', () => {
    assert.deepEqual(decodeNote(new Uint8Array()), { ok: true, text: '', problems: [] });
  });

  describe('a megabyte at a time, for large notes', () => {
    /** Decodes in slices, counting the pauses between them. */
    async function inSlices(bytes: Uint8Array) {
      let pauses = 0;
      const decoded = await decodeNoteInSlices(bytes, async () => void pauses++);
      return { decoded, pauses };
    }

    it('gives what one decode gives, characters cut at slice boundaries included', async () => {
      // Three-byte characters after one ASCII byte: a megabyte boundary falls inside a character.
      const bytes = utf8(`x${'简介与核心功能'.repeat(120_000)}\n`);
      const { decoded, pauses } = await inSlices(bytes);
      assert.deepEqual(decoded, decodeNote(bytes));
      assert.ok(pauses >= 2, `${pauses} pauses`);
    });

    it('repairs invalid UTF-8, reads UTF-16 and refuses binaries as one decode does', async () => {
      const samples = [
        new Uint8Array([...utf8('a'.repeat(1_500_000)), 0xff, ...utf8('def')]),
        new Uint8Array([0xff, 0xfe, ...new Uint8Array(new Uint16Array(Array.from({ length: 700_000 }, (_, i) => 0x4e00 + (i % 100))).buffer)]),
        new Uint8Array([0x89, 0x50, 0x00, ...utf8('x'.repeat(2_000_000))]),
      ];
      for (const bytes of samples) assert.deepEqual((await inSlices(bytes)).decoded, decodeNote(bytes));
    });
  });
});
