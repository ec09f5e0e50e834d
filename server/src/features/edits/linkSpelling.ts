// Writing a changed link target the way the note wrote the old one: the same spelling for the folders and
// names that stay, `./` kept or left out, percent-escapes where the note used them (or where a space would
// otherwise end the link), and `user-content-` or escaped CJK kept in a fragment.

import * as path from 'node:path';
import { safeDecode } from '../../parse/links/target';

/**
 * `newPath` (decoded, `/`-separated, relative or `/`-rooted) spelled in the style of `written`, the path
 * part of the old target as it stands in the note; `angle` when it stands in `<…>`, where spaces may stay.
 */
export function spellPathLike(written: string, newPath: string, angle: boolean): string {
  const spellings = new Map<string, string>();
  for (const segment of written.split('/')) if (!spellings.has(safeDecode(segment))) spellings.set(safeDecode(segment), segment);
  const escapeNonAscii = /%[89a-f][0-9a-f]/i.test(written);
  let spelled = newPath
    .split('/')
    .map((segment) => spellings.get(segment) ?? escapeSegment(segment, angle, escapeNonAscii))
    .join('/');
  if (written.startsWith('./') && !/^(\.\.?(\/|$)|\/)/.test(spelled)) spelled = `./${spelled}`;
  if (written.endsWith('/') && !spelled.endsWith('/')) spelled = `${spelled}/`;
  return spelled;
}

/** A file or folder name as a link path segment: what would end or break the link is escaped, the rest stays readable. */
function escapeSegment(segment: string, angle: boolean, escapeNonAscii: boolean): string {
  let escaped = '';
  for (const char of segment) {
    const mustEscape = /[%#?\r\n<>]/.test(char) || (!angle && /[\s()]/.test(char)) || (escapeNonAscii && char.charCodeAt(0) > 0x7f);
    escaped += mustEscape ? encodeURIComponent(char).replace(/[()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`) : char;
  }
  return escaped;
}

/** The path from a note to a file, as a relative link writes it (`.` for the note's own folder). */
export function relativePath(notePath: string, filePath: string): string {
  return path.posix.relative(path.posix.dirname(notePath), filePath) || '.';
}

/** A new slug written where `written` (the old fragment, after `#`) stood: with its `user-content-` prefix and its escaping. */
export function spellFragmentLike(written: string, slug: string): string {
  const prefix = /^user-content-/i.exec(written)?.[0] ?? '';
  const escaped = written !== safeDecode(written);
  return prefix + (escaped ? encodeURIComponent(slug) : slug);
}
