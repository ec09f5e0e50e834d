// How a completed path or anchor is written, following the note's own links. The rule:
// - non-ASCII characters (CJK) are percent-encoded when more of the note's local links write them
//   encoded (`%E5%9B%BE.png`) than as they are (`图.png`); left as they are otherwise, and when the
//   note has no such link;
// - spaces are always written `%20` (a space would end an inline link's destination), as are `%`, `#`,
//   `?`, parentheses and angle brackets, which would break the link or change what it points at;
// - inside `<…>` destinations, which may hold spaces, only angle brackets are encoded.

import type { NoteFacts } from '../../parse/facts';
import { classifyTarget } from '../../parse/links/target';

export interface PathSpelling {
  encodeNonAscii: boolean;
}

export const DEFAULT_SPELLING: PathSpelling = { encodeNonAscii: false };

/** `%E5`…`%FF`, `%C2`…: a UTF-8 byte of a non-ASCII character, written encoded. */
const ENCODED_NON_ASCII = /%[89A-F][0-9A-F]/i;
const RAW_NON_ASCII = /[^\x00-\x7f]/;

const spellings = new WeakMap<NoteFacts, PathSpelling>();

/** How the note writes the paths of its local links; read once per parse of the note. */
export function spellingOf(facts: NoteFacts | undefined): PathSpelling {
  if (!facts) return DEFAULT_SPELLING;
  let spelling = spellings.get(facts);
  if (!spelling) spellings.set(facts, (spelling = readSpelling(facts)));
  return spelling;
}

function readSpelling(facts: NoteFacts): PathSpelling {
  let encoded = 0;
  let raw = 0;
  for (const link of facts.links) {
    if (link.kind === 'wiki' || link.kind === 'autolink') continue;
    const target = classifyTarget(link.target);
    if (target.kind !== 'local') continue;
    const written = target.writtenPath + (target.fragment === undefined ? '' : link.target.slice(link.target.indexOf('#')));
    if (ENCODED_NON_ASCII.test(written)) encoded++;
    else if (RAW_NON_ASCII.test(written)) raw++;
  }
  return { encodeNonAscii: encoded > raw };
}

/** A file or folder name, or an anchor, as the note would write it in a destination. */
export function spell(name: string, spelling: PathSpelling, angle: boolean): string {
  if (angle) return name.replace(/[<>]/g, percentEncode);
  const unsafe = spelling.encodeNonAscii ? /[\s%#?()<>]|[^\x00-\x7f]+/gu : /[\s%#?()<>]/g;
  return name.replace(unsafe, percentEncode);
}

function percentEncode(text: string): string {
  return encodeURIComponent(text).replace(/[()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
