// Turns a note's bytes into text. Notes come from many editors and tools, so the decoder accepts
// UTF-8 (with or without BOM) and UTF-16 (with BOM), repairs invalid UTF-8 and refuses binaries,
// always saying what it did.

export type DecodedNote =
  | { ok: true; text: string; problems: string[] }
  | { ok: false; reason: string };

const BINARY_SNIFF_BYTES = 8192;

/** How a note's bytes are to be read: which encoding, from which byte, and what to say about it. */
type Decoding = { ok: true; encoding: 'utf-8' | 'utf-16le' | 'utf-16be'; body: Uint8Array; problems: string[] } | { ok: false; reason: string };

export function decodeNote(bytes: Uint8Array): DecodedNote {
  const decoding = decodingOf(bytes);
  if (!decoding.ok) return decoding;
  const { encoding, body, problems } = decoding;
  try {
    return { ok: true, text: new TextDecoder(encoding, { fatal: encoding === 'utf-8' }).decode(body), problems };
  } catch {
    return { ok: true, text: new TextDecoder(encoding).decode(body), problems: [invalidUtf8Problem(body)] };
  }
}

/** Bytes decoded at once by `decodeNoteInSlices`: about a millisecond of decoding. */
const DECODE_SLICE_BYTES = 1024 * 1024;

/** `decodeNote` a megabyte at a time, with `pause` awaited between: for notes of many megabytes. */
export async function decodeNoteInSlices(bytes: Uint8Array, pause: () => Promise<void>): Promise<DecodedNote> {
  const decoding = decodingOf(bytes);
  if (!decoding.ok) return decoding;
  const { encoding, body, problems } = decoding;
  const decode = async (fatal: boolean) => {
    const decoder = new TextDecoder(encoding, { fatal });
    const parts: string[] = [];
    for (let from = 0; from < body.length; from += DECODE_SLICE_BYTES) {
      parts.push(decoder.decode(body.subarray(from, from + DECODE_SLICE_BYTES), { stream: true }));
      await pause();
    }
    parts.push(decoder.decode());
    return parts.join('');
  };
  try {
    return { ok: true, text: await decode(encoding === 'utf-8'), problems };
  } catch {
    return { ok: true, text: await decode(false), problems: [invalidUtf8Problem(body)] };
  }
}

function decodingOf(bytes: Uint8Array): Decoding {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return { ok: true, encoding: 'utf-16le', body: bytes.subarray(2), problems: ['decoded as UTF-16 LE (byte order mark)'] };
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return { ok: true, encoding: 'utf-16be', body: bytes.subarray(2), problems: ['decoded as UTF-16 BE (byte order mark)'] };
  if (looksBinary(bytes)) return { ok: false, reason: 'binary content (NUL bytes), not a text note' };
  return { ok: true, encoding: 'utf-8', body: hasUtf8Bom(bytes) ? bytes.subarray(3) : bytes, problems: [] };
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
