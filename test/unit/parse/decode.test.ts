import assert from 'node:assert/strict';
import { decodeSteps } from '../../../server/src/parse/decode';
import { finish, inSlices } from '../../../server/src/parse/steps';

/** A note decoded through at once, as the index decodes a small one. */
const decodeNote = (bytes: Uint8Array) => finish(decodeSteps(bytes));

const utf8 = (text: string) => new TextEncoder().encode(text);
const hex = (digits: string) => new Uint8Array(Buffer.from(digits.replace(/\s+/g, ''), 'hex'));

// GB18030 bytes written once with `printf '%s' '…' | iconv -f utf-8 -t gb18030 | xxd -p` (Node has no GB encoder).
const GB_HEADING = hex('2320 bcf2 bde9'); // '# 简介'
const GB_SENTENCE = hex('d6d0 cec4 b1ca bcc7 a3ac cab9 d3c3 2044656570537065656420 d1b5 c1b7 a1a3'); // '中文笔记，使用 DeepSpeed 训练。'
const GB_FOUR_BYTES = hex('b1ed c7e9 9439fc36'); // '表情😀': the emoji is one of GB18030's four-byte sequences
const GB_NOTE = new Uint8Array([...GB_HEADING, 0x0a, 0x0a, ...GB_SENTENCE, 0x0a, ...GB_FOUR_BYTES, 0x0a]);
/** Latin-1 German: not UTF-8, yet valid GB18030, where it reads as rare ideographs. */
const LATIN1_GERMAN = new Uint8Array([
  ...utf8('Die Gr'),
  0xf6,
  0xdf,
  ...utf8('e f'),
  0xfc,
  ...utf8('r '),
  0xdc,
  ...utf8('bungen in M'),
  0xfc,
  ...utf8('nchen\n'),
]);

/** Bytes from 1 to 255 (no NUL, which would make them binary), the same every run. */
function randomBytes(length: number, seed = 7): Uint8Array {
  const bytes = new Uint8Array(length);
  let state = seed;
  for (let i = 0; i < length; i++) {
    state = (state * 1103515245 + 12345) >>> 0;
    bytes[i] = 1 + ((state >>> 16) % 255);
  }
  return bytes;
}

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

  describe('Chinese notes saved as GB18030 or GBK', () => {
    it('reads a GB18030 Chinese note as Chinese, saying so', () => {
      assert.deepEqual(decodeNote(GB_NOTE), {
        ok: true,
        text: '# 简介\n\n中文笔记，使用 DeepSpeed 训练。\n表情😀\n',
        problems: ['decoded as GB18030 (not valid UTF-8)'],
      });
    });

    it('never reads valid UTF-8 Chinese as anything but UTF-8', () => {
      const text = '# 简介\n\n中文笔记，使用 DeepSpeed 训练。\n表情😀\n';
      assert.deepEqual(decodeNote(utf8(text)), { ok: true, text, problems: [] });
    });

    it('repairs as UTF-8 bytes that are valid GB18030 but do not read as Chinese (Latin-1 German)', () => {
      assert.doesNotThrow(() => new TextDecoder('gb18030', { fatal: true }).decode(LATIN1_GERMAN), 'the sample is valid GB18030');
      const result = decodeNote(LATIN1_GERMAN);
      assert.ok(result.ok);
      assert.equal(result.text, 'Die Gr\uFFFD\uFFFDe f\uFFFDr \uFFFDbungen in M\uFFFDnchen\n');
      assert.deepEqual(result.problems, ['invalid UTF-8 at byte 6; undecodable bytes shown as \uFFFD']);
    });

    it('repairs random invalid bytes as UTF-8, as before', () => {
      const result = decodeNote(randomBytes(4096));
      assert.ok(result.ok);
      assert.ok(result.text.includes('\uFFFD'));
      assert.equal(result.problems.length, 1);
      assert.match(result.problems[0], /^invalid UTF-8 at byte \d+; undecodable bytes shown as \uFFFD$/);
    });

    it("keeps a UTF-8 byte order mark's word: GB18030 bytes after one are repaired as UTF-8", () => {
      const result = decodeNote(new Uint8Array([0xef, 0xbb, 0xbf, ...GB_SENTENCE]));
      assert.ok(result.ok);
      assert.match(result.problems[0], /invalid UTF-8/);
    });
  });

  it('refuses binary content', () => {
    assert.deepEqual(decodeNote(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01])), {
      ok: false,
      reason: 'binary content (NUL bytes), not a text note',
    });
  });

  it('accepts an empty file', () => {
    assert.deepEqual(decodeNote(new Uint8Array()), { ok: true, text: '', problems: [] });
  });

  describe('a megabyte at a time, for large notes', () => {
    /** Decodes in slices, counting the pauses between them. */
    async function decodedInSlices(bytes: Uint8Array) {
      let pauses = 0;
      const decoded = await inSlices(decodeSteps(bytes), async () => void pauses++);
      assert.deepEqual(decodeNote(bytes), decoded, 'run through at once, the same');
      return { decoded, pauses };
    }

    it('gives what one decode of the whole gives, characters cut at slice boundaries included', async () => {
      // Three-byte characters after one ASCII byte: a megabyte boundary falls inside a character.
      const bytes = utf8(`x${'简介与核心功能'.repeat(120_000)}\n`);
      const { decoded, pauses } = await decodedInSlices(bytes);
      assert.deepEqual(decoded, { ok: true, text: new TextDecoder().decode(bytes), problems: [] });
      assert.ok(pauses >= 2, `${pauses} pauses`);
    });

    it('repairs invalid UTF-8, reads UTF-16 and refuses binaries as one decode does', async () => {
      const samples = [
        new Uint8Array([...utf8('a'.repeat(1_500_000)), 0xff, ...utf8('def')]),
        new Uint8Array([
          0xff,
          0xfe,
          ...new Uint8Array(new Uint16Array(Array.from({ length: 700_000 }, (_, i) => 0x4e00 + (i % 100))).buffer),
        ]),
        new Uint8Array([0x89, 0x50, 0x00, ...utf8('x'.repeat(2_000_000))]),
      ];
      const expected = [
        {
          ok: true,
          text: new TextDecoder().decode(samples[0]),
          problems: ['invalid UTF-8 at byte 1500000; undecodable bytes shown as \uFFFD'],
        },
        {
          ok: true,
          text: new TextDecoder('utf-16le').decode(samples[1].subarray(2)),
          problems: ['decoded as UTF-16 LE (byte order mark)'],
        },
        { ok: false, reason: 'binary content (NUL bytes), not a text note' },
      ];
      for (const [at, bytes] of samples.entries()) assert.deepEqual((await decodedInSlices(bytes)).decoded, expected[at]);
    });

    it('reads GB18030 as one decode does, two- and four-byte characters cut at slice boundaries included', async () => {
      const unit = new Uint8Array([...GB_FOUR_BYTES, ...GB_SENTENCE.subarray(0, 8)]); // '表情😀中文笔记': 16 bytes
      // One ASCII byte first puts each megabyte boundary inside the four-byte emoji; five, inside 情.
      for (const prefix of ['x', 'xyzab']) {
        const bytes = new Uint8Array(2_500_000);
        bytes.set(utf8(prefix));
        for (let at = prefix.length; at + unit.length <= bytes.length; at += unit.length) bytes.set(unit, at);
        bytes.fill(0x0a, bytes.length - ((bytes.length - prefix.length) % unit.length));
        const { decoded, pauses } = await decodedInSlices(bytes);
        assert.ok(
          decoded.ok && decoded.problems[0] === 'decoded as GB18030 (not valid UTF-8)',
          JSON.stringify(decoded.ok && decoded.problems),
        );
        assert.ok(decoded.text.startsWith(`${prefix}表情😀中文笔记表情😀`) && !decoded.text.includes('\uFFFD'));
        assert.equal(decoded.text, new TextDecoder('gb18030').decode(bytes));
        assert.ok(pauses >= 2, `${pauses} pauses`);
      }
    });

    it('repairs as UTF-8 what is valid GB18030 but not Chinese, and random bytes, as one decode does', async () => {
      const german = new Uint8Array(LATIN1_GERMAN.length * 40_000);
      for (let at = 0; at < german.length; at += LATIN1_GERMAN.length) german.set(LATIN1_GERMAN, at);
      for (const bytes of [german, randomBytes(1_500_000), new Uint8Array([...GB_NOTE, ...randomBytes(1_200_000)])]) {
        const decoded = (await decodedInSlices(bytes)).decoded;
        assert.ok(decoded.ok && /invalid UTF-8/.test(decoded.problems[0]));
        assert.equal(decoded.text, new TextDecoder().decode(bytes));
      }
    });
  });
});
