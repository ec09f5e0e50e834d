// JSON.parse of a large note's facts (tens of megabytes for a note of fifty) would hold the main thread
// for a second. Facts are an object of arrays, so the arrays are cut between their elements and parsed
// a slice at a time, with a pause between slices: JSON.parse still does the parsing, and the scan that
// finds where elements end reads bytes, where `"` and `\` never occur inside a multi-byte character.

import type { Steps } from './steps';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

/** Bytes of array elements parsed at once: a few milliseconds of JSON.parse. */
const SLICE_BYTES = 256 * 1024;
/** JSON up to this size is parsed whole: cutting it up would cost more time than the pauses would spare. */
const WHOLE_BYTES = 1024 * 1024;

export interface JsonSlicing {
  sliceBytes?: number;
  wholeBytes?: number;
}

/**
 * Parses UTF-8 JSON whose top level is an object, its array values a slice of elements at a time, with a
 * step between slices (see `steps.ts`); JSON of at most `wholeBytes` is parsed whole. Throws, as JSON.parse
 * does, on JSON that is not valid, saying at which byte.
 */
export function* jsonSteps(
  json: Buffer,
  { sliceBytes = SLICE_BYTES, wholeBytes = WHOLE_BYTES }: JsonSlicing = {},
): Steps<Record<string, unknown>> {
  if (json.length <= wholeBytes) {
    const whole = parsedWhole(json);
    if (whole) return whole;
    // Not valid, or not an object: the slicing parse below says what is wrong and where.
  }
  const reader = new ByteReader(json);
  const result: Record<string, unknown> = {};
  reader.expect(OPEN_BRACE);
  while (reader.peek() !== CLOSE_BRACE) {
    const keyStart = reader.at;
    reader.skipValue();
    const key = reader.parse(keyStart, reader.at) as string;
    reader.expect(COLON);
    result[key] = reader.peek() === OPEN_BRACKET ? yield* arraySteps(reader, sliceBytes) : reader.parseNextValue();
    reader.skipComma(CLOSE_BRACE);
  }
  reader.expect(CLOSE_BRACE);
  if (reader.peek() !== undefined) reader.fail('unexpected data after the end');
  return result;
}

/** JSON.parse of the whole, when that is an object; undefined when it throws or is not one. */
function parsedWhole(json: Buffer): Record<string, unknown> | undefined {
  let value: unknown;
  try {
    value = JSON.parse(json.toString('utf8'));
  } catch {
    return undefined;
  }
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function* arraySteps(reader: ByteReader, sliceBytes: number): Steps<unknown[]> {
  const elements: unknown[] = [];
  reader.expect(OPEN_BRACKET);
  let sliceStart = reader.at;
  let sliceEnd = sliceStart;
  const parseSlice = () => {
    if (sliceEnd > sliceStart) for (const element of reader.parse(sliceStart, sliceEnd, true) as unknown[]) elements.push(element);
  };
  while (reader.peek() !== CLOSE_BRACKET) {
    reader.skipValue();
    sliceEnd = reader.at;
    reader.skipComma(CLOSE_BRACKET);
    if (sliceEnd - sliceStart >= sliceBytes) {
      parseSlice();
      yield;
      sliceStart = reader.at;
      sliceEnd = sliceStart;
    }
  }
  parseSlice();
  reader.expect(CLOSE_BRACKET);
  return elements;
}

class ByteReader {
  at = 0;

  constructor(private readonly bytes: Buffer) {}

  /** The next byte that is not white space, which `at` is moved to; undefined at the end. */
  peek(): number | undefined {
    while (this.at < this.bytes.length && isWhiteSpace(this.bytes[this.at])) this.at++;
    return this.at < this.bytes.length ? this.bytes[this.at] : undefined;
  }

  expect(byte: number): void {
    if (this.peek() !== byte) this.fail(`expected '${String.fromCharCode(byte)}'`);
    this.at++;
  }

  /** Moves past the comma after a member or element; without one, the closing `]` or `}` must follow. */
  skipComma(closing: number): void {
    const next = this.peek();
    if (next === COMMA) {
      this.at++;
      if (this.peek() === closing) this.fail('a comma before the end');
    } else if (next !== closing) this.fail(`expected ',' or '${String.fromCharCode(closing)}'`);
  }

  /** Moves past one value (string, number, literal, object or array) without parsing it. */
  skipValue(): void {
    const first = this.peek();
    if (first === undefined) this.fail('unexpected end');
    if (first === QUOTE) return this.skipString();
    if (first !== OPEN_BRACE && first !== OPEN_BRACKET) {
      while (this.at < this.bytes.length && !isWhiteSpace(this.bytes[this.at]) && !isDelimiter(this.bytes[this.at])) this.at++;
      return;
    }
    let depth = 0;
    while (this.at < this.bytes.length) {
      const byte = this.bytes[this.at];
      if (byte === QUOTE) {
        this.skipString();
        continue;
      }
      this.at++;
      if (byte === OPEN_BRACE || byte === OPEN_BRACKET) depth++;
      else if ((byte === CLOSE_BRACE || byte === CLOSE_BRACKET) && --depth === 0) return;
    }
    this.fail('unexpected end');
  }

  parseNextValue(): unknown {
    this.peek();
    const start = this.at;
    this.skipValue();
    return this.parse(start, this.at);
  }

  /** JSON.parse of the bytes from `start` to `end`, or of `[` those bytes `]` when they are array elements. */
  parse(start: number, end: number, elements = false): unknown {
    const text = this.bytes.toString('utf8', start, end);
    return JSON.parse(elements ? `[${text}]` : text);
  }

  fail(message: string): never {
    throw new SyntaxError(`JSON: ${message} at byte ${this.at}`);
  }

  private skipString(): void {
    for (this.at++; this.at < this.bytes.length; this.at++) {
      const byte = this.bytes[this.at];
      if (byte === BACKSLASH) this.at++;
      else if (byte === QUOTE) {
        this.at++;
        return;
      }
    }
    this.fail('unterminated string');
  }
}

function isWhiteSpace(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

function isDelimiter(byte: number): boolean {
  return byte === COMMA || byte === COLON || byte === CLOSE_BRACE || byte === CLOSE_BRACKET;
}
