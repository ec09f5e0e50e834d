// A record's lead paragraph as a flat run of pieces: text, links, code and images, each with where it
// stands in the note. Names and summaries are chosen from this run rather than from raw lines, so
// emphasis, escapes and nested brackets never leak into a name.
import type { Nodes, PhrasingContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { reversedOpeningAtEnd } from '../parse/links/reversedLinks';
import { endOffset, startOffset } from '../parse/markdown';
import { identityOf, type Identity } from './identity';
import { isBracketedTag, isGenericLinkText } from './names';

export type Segment =
  | { kind: 'text'; text: string; bold: boolean; italic?: boolean; start: number; end: number }
  | {
      kind: 'link';
      text: string;
      url: string;
      identity?: Identity;
      generic: boolean;
      bare: boolean;
      bold: boolean;
      start: number;
      end: number;
      textStart: number;
      textEnd: number;
    }
  | { kind: 'code'; text: string; start: number; end: number }
  | { kind: 'image'; start: number; end: number };

export type LinkSegment = Extract<Segment, { kind: 'link' }>;

/** The pieces of a run of phrasing content, in order; soft line breaks become spaces. */
export function segmentsOf(children: readonly PhrasingContent[]): Segment[] {
  return withReversedLinksRead(collectSegments(children, false, []));
}

// Italics are kept apart because a citation sets its authors in them (`[Title](…). *Ada Example, Bo Sample*. 2021.`).
function collectSegments(children: readonly PhrasingContent[], bold: boolean, out: Segment[], italic = false): Segment[] {
  for (const child of children) {
    switch (child.type) {
      case 'text':
        // Line breaks stay: a record's name stands on its first line.
        out.push({
          kind: 'text',
          text: joinLines(child.value),
          bold,
          ...(italic ? { italic } : {}),
          start: startOffset(child),
          end: endOffset(child),
        });
        break;
      case 'break':
        out.push({ kind: 'text', text: ' ', bold, start: startOffset(child), end: endOffset(child) });
        break;
      case 'strong':
        collectSegments(child.children, true, out, italic);
        break;
      case 'emphasis':
        collectSegments(child.children, bold, out, true);
        break;
      case 'delete':
        collectSegments(child.children, bold, out, italic);
        break;
      case 'link':
        out.push(linkSegment(child, bold));
        break;
      case 'inlineCode':
        out.push({ kind: 'code', text: child.value, start: startOffset(child), end: endOffset(child) });
        break;
      case 'image':
      case 'imageReference':
        out.push({ kind: 'image', start: startOffset(child), end: endOffset(child) });
        break;
      case 'linkReference':
        collectSegments(child.children, bold, out);
        break;
      default:
        break;
    }
  }
  return out;
}

function linkSegment(link: Extract<PhrasingContent, { type: 'link' }>, bold: boolean): LinkSegment {
  const text = toString(link, { includeHtml: false }).replace(/\s+/g, ' ').trim();
  const first = link.children[0];
  const last = link.children[link.children.length - 1];
  const onlyImages = link.children.length > 0 && link.children.every((child) => child.type === 'image');
  const bare = text === link.url || `http://${text}` === link.url;
  const identity = identityOf(link.url, text);
  return {
    kind: 'link',
    text: onlyImages ? '' : text,
    url: link.url,
    identity,
    generic: onlyImages || bare || isGenericLinkText(text) || isBracketedTag(text, identity?.repositoryName),
    bare,
    bold: bold || link.children.some((child) => child.type === 'strong'),
    start: startOffset(link),
    end: endOffset(link),
    textStart: first?.position ? startOffset(first as Nodes) : startOffset(link),
    textEnd: last?.position ? endOffset(last as Nodes) : endOffset(link),
  };
}

/**
 * `(vLLM)[https://github.com/vllm-project/vllm]`, a link typed with its brackets the wrong way round, reads
 * as the link its writer meant: Markdown sees text, a bare address and a `]`, which would make the card's
 * name `vLLM)` and its summary open with `]`.
 */
function withReversedLinksRead(segments: Segment[]): Segment[] {
  for (let at = 1; at + 1 < segments.length; at++) {
    const [before, link, after] = segments.slice(at - 1, at + 2);
    if (before.kind !== 'text' || link.kind !== 'link' || !link.bare || after.kind !== 'text' || !after.text.startsWith(']')) continue;
    // Offsets are counted in the text as written: a piece whose text was unescaped or rejoined is left alone.
    if (before.end - before.start !== before.text.length) continue;
    const opening = reversedOpeningAtEnd(before.text);
    if (!opening) continue;
    const openAt = before.end - opening.length;
    segments[at - 1] = { ...before, text: before.text.slice(0, -opening.length), end: openAt };
    segments[at] = {
      ...link,
      text: opening.name,
      identity: identityOf(link.url, opening.name),
      generic: isGenericLinkText(opening.name),
      bare: false,
      start: openAt,
      end: link.end + 1,
      textStart: openAt + opening.nameStart,
      textEnd: openAt + opening.nameEnd,
    };
    segments[at + 1] = { ...after, text: after.text.slice(1), start: after.start + 1 };
  }
  return segments.filter((segment) => segment.kind !== 'text' || segment.text !== '');
}

/** Line breaks kept, the blanks around them dropped; split rather than matched, in linear time (see trim.ts). */
function joinLines(value: string): string {
  if (!value.includes('\n')) return value;
  return value
    .split('\n')
    .map((line, index, lines) => (index === 0 ? line.trimEnd() : index === lines.length - 1 ? line.trimStart() : line.trim()))
    .join('\n');
}

/** The text a reader sees of some pieces: links by their text, code by its content, images not at all. */
export function plainOf(segments: readonly Segment[]): string {
  return segments
    .map((segment) => (segment.kind === 'image' ? ' ' : segment.kind === 'link' && segment.bare ? ' ' : segment.text))
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
}
