// Turns a note's bytes into text. Notes come from many editors and tools, so the decoder accepts
// UTF-8 (with or without BOM) and UTF-16 (with BOM), repairs invalid UTF-8 and refuses binaries,
// always saying what it did.

export type DecodedNote =
  | { ok: true; text: string; problems: string[] }
  | { ok: false; reason: string };

const BINARY_SNIFF_BYTES = 8192;

export function decodeNote(bytes: Uint8Array): DecodedNote {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { ok: true, text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), problems: ['decoded as UTF-16 LE (byte order mark)'] };
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { ok: true, text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), problems: ['decoded as UTF-16 BE (byte order mark)'] };
  }
  if (looksBinary(bytes)) return { ok: false, reason: 'binary content (NUL bytes), not a text note' };
  const body = hasUtf8Bom(bytes) ? bytes.subarray(3) : bytes;
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(body), problems: [] };
  } catch {
    const text = new TextDecoder('utf-8').decode(body);
    return { ok: true, text, problems: [`invalid UTF-8 at byte ${firstInvalidUtf8Byte(body)}; undecodable bytes shown as \uFFFD`] };
  }
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
