// Turns a note's bytes into text. Notes come from many editors and tools, so the decoder accepts
// UTF-8 (with or without BOM), UTF-16 (with BOM) and Chinese notes saved as GB18030/GBK, repairs
// invalid UTF-8 and refuses binaries, always saying what it did.

import type { Steps } from './steps';

export type DecodedNote = { ok: true; text: string; problems: string[] } | { ok: false; reason: string };

const BINARY_SNIFF_BYTES = 8192;

/** How a note's bytes are to be read: which encoding, from which byte, and what to say about it. */
type Decoding =
  { ok: true; encoding: 'utf-8' | 'utf-16le' | 'utf-16be'; body: Uint8Array; problems: string[] } | { ok: false; reason: string };

export const GB18030_PROBLEM = 'decoded as GB18030 (not valid UTF-8)';

/** Bytes decoded at once: about a millisecond of decoding. */
const DECODE_SLICE_BYTES = 1024 * 1024;

/** A note's bytes as text, decoded a megabyte at a time (see `steps.ts`). */
export function* decodeSteps(bytes: Uint8Array): Steps<DecodedNote> {
  const decoding = decodingOf(bytes);
  if (!decoding.ok) return decoding;
  const { encoding, body, problems } = decoding;
  try {
    return { ok: true, text: yield* decodeSlices(body, new TextDecoder(encoding, { fatal: encoding === 'utf-8' })), problems };
  } catch {
    const decoder = mayBeGb18030(bytes) ? gb18030Decoder() : undefined;
    if (decoder) {
      try {
        const evidence = new ChineseEvidence();
        const text = yield* decodeSlices(body, decoder, evidence);
        if (evidence.looksChinese()) return { ok: true, text, problems: [GB18030_PROBLEM] };
      } catch {
        // Not GB18030 either: repaired as UTF-8 below.
      }
    }
    return { ok: true, text: yield* decodeSlices(body, new TextDecoder(encoding)), problems: [invalidUtf8Problem(body)] };
  }
}

/**
 * The body decoded a slice at a time (a character cut at a slice boundary is kept for the next), each slice
 * counted as evidence when there is some to gather. A fatal decoder throws on the first invalid byte.
 */
function* decodeSlices(body: Uint8Array, decoder: TextDecoder, evidence?: ChineseEvidence): Steps<string> {
  const parts: string[] = [];
  for (let from = 0; ; from += DECODE_SLICE_BYTES) {
    const slice = body.subarray(from, from + DECODE_SLICE_BYTES);
    const last = from + DECODE_SLICE_BYTES >= body.length;
    const part = decoder.decode(slice, { stream: !last });
    evidence?.addBytes(slice);
    evidence?.addText(part);
    parts.push(part);
    if (last) return parts.length === 1 ? part : parts.join('');
    yield;
  }
}

function decodingOf(bytes: Uint8Array): Decoding {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe)
    return { ok: true, encoding: 'utf-16le', body: bytes.subarray(2), problems: ['decoded as UTF-16 LE (byte order mark)'] };
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff)
    return { ok: true, encoding: 'utf-16be', body: bytes.subarray(2), problems: ['decoded as UTF-16 BE (byte order mark)'] };
  if (looksBinary(bytes)) return { ok: false, reason: 'binary content (NUL bytes), not a text note' };
  return { ok: true, encoding: 'utf-8', body: hasUtf8Bom(bytes) ? bytes.subarray(3) : bytes, problems: [] };
}

/**
 * Only bytes that failed as UTF-8 (UTF-16 never fails) are tried as GB18030, so valid UTF-8 is never
 * read as anything else; and not after a UTF-8 byte order mark, which says UTF-8: there the invalid
 * bytes are repaired.
 */
function mayBeGb18030(bytes: Uint8Array): boolean {
  return !hasUtf8Bom(bytes);
}

/** A fatal GB18030 decoder, or undefined on a Node built without the ICU data that has it. */
function gb18030Decoder(): TextDecoder | undefined {
  try {
    return new TextDecoder('gb18030', { fatal: true });
  } catch {
    return undefined;
  }
}

/**
 * Whether bytes that are valid GB18030 are a Chinese note rather than some other legacy encoding
 * that happens to be valid GB18030 too. GB18030 gives a meaning to almost any pair of a high byte
 * and a following byte, so validity alone says little: Latin-1 German ("Größe für Übungen") and
 * Shift-JIS Japanese are both valid GB18030 and decode to nothing but CJK ideographs. Two rules,
 * both needed:
 *
 * - Most non-ASCII characters (at least `MIN_CJK_SHARE`) are CJK ideographs, CJK or full-width
 *   punctuation, or the quotes, dashes and middle dot Chinese text uses. A Chinese note's non-ASCII
 *   text is almost all of these (the seeds: 99–100%); Greek letters, arrows or emoji in it are a
 *   minority. Big5 read as GB18030, for one, gives far fewer (about two thirds).
 * - Many of the two-byte characters (at least `MIN_GB2312_SHARE`) are GB2312's, both bytes from
 *   0xA1 to 0xFE: the 6,763 characters of GB2312 are nearly all of simplified Chinese (the seeds:
 *   100%; traditional text saved as GBK about half). A high byte followed by an ASCII letter, the
 *   shape of Latin-1 or Windows-1252 accented letters and of most Shift-JIS, is rare there: such
 *   misreads score 0–15%.
 *
 * EUC-KR Korean keeps both bytes from 0xA1 too and passes; telling it apart would take character
 * frequencies, and it was not valid UTF-8 either, so it was unreadable before as well.
 */
const MIN_CJK_SHARE = 0.8;
const MIN_GB2312_SHARE = 0.4;

class ChineseEvidence {
  private nonAscii = 0;
  private cjk = 0;
  private twoByte = 0;
  private gb2312 = 0;
  /** Where in a GB18030 sequence the next byte falls: 0 a first byte, 1 a second, 2 or 3 the rest of four. */
  private position = 0;
  private lead = 0;

  /** Counts GB18030's two-byte characters, a slice at a time (a character may straddle slices). */
  addBytes(bytes: Uint8Array): void {
    let { position, lead, twoByte, gb2312 } = this;
    for (let i = 0; i < bytes.length; i++) {
      const byte = bytes[i];
      if (position === 0) {
        if (byte >= 0x80) {
          lead = byte;
          position = 1;
        }
      } else if (position === 1) {
        if (byte >= 0x30 && byte <= 0x39) {
          position = 2; // a four-byte character
        } else {
          twoByte++;
          if (lead >= 0xa1 && byte >= 0xa1) gb2312++;
          position = 0;
        }
      } else {
        position = position === 3 ? 0 : 3;
      }
    }
    Object.assign(this, { position, lead, twoByte, gb2312 });
  }

  /** Counts non-ASCII characters and the CJK ones among them, a decoded part at a time. */
  addText(text: string): void {
    let { nonAscii, cjk } = this;
    for (let i = 0; i < text.length; i++) {
      const unit = text.charCodeAt(i);
      if (unit < 0x80 || (unit >= 0xdc00 && unit <= 0xdfff)) continue; // a low surrogate counts with its high one
      nonAscii++;
      if (isChineseUnit(unit)) cjk++;
    }
    this.nonAscii = nonAscii;
    this.cjk = cjk;
  }

  looksChinese(): boolean {
    return this.nonAscii > 0 && this.cjk >= MIN_CJK_SHARE * this.nonAscii && this.gb2312 >= MIN_GB2312_SHARE * this.twoByte;
  }
}

function isChineseUnit(unit: number): boolean {
  return (
    (unit >= 0x4e00 && unit <= 0x9fff) || // CJK Unified Ideographs
    (unit >= 0x3400 && unit <= 0x4dbf) || // Extension A
    (unit >= 0xd840 && unit <= 0xd87f) || // high surrogates of U+20000–U+2FFFF: Extensions B–F, compatibility supplement
    (unit >= 0xf900 && unit <= 0xfaff) || // CJK Compatibility Ideographs
    (unit >= 0x3000 && unit <= 0x303f) || // CJK Symbols and Punctuation: 、。「」《》【】
    (unit >= 0xff00 && unit <= 0xffef) || // full-width forms: ，：；！？（）
    (unit >= 0x2010 && unit <= 0x2027) || // dashes, curly quotes, ellipsis
    unit === 0x00b7 // middle dot
  );
}

function invalidUtf8Problem(body: Uint8Array): string {
  return `invalid UTF-8 at byte ${firstInvalidUtf8Byte(body)}; undecodable bytes shown as \uFFFD`;
}

function hasUtf8Bom(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}

function looksBinary(bytes: Uint8Array): boolean {
  const end = Math.min(bytes.length, BINARY_SNIFF_BYTES);
  for (let i = 0; i < end; i++) if (bytes[i] === 0) return true;
  return false;
}

function firstInvalidUtf8Byte(bytes: Uint8Array): number {
  let low = 0;
  let high = bytes.length;
  // Binary search on prefixes; streaming mode accepts a prefix that merely ends mid-character.
  while (low < high) {
    const mid = (low + high) >> 1;
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, mid + 1), { stream: true });
      low = mid + 1;
    } catch {
      high = mid;
    }
  }
  return low;
}
