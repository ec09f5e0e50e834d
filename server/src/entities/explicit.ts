import type { Heading, Paragraph } from 'mdast';
import type { EntityCandidate, EntityKind } from '../parse/facts';
import type { ParsedNote } from '../parse/parseNote';
import { makeCandidate } from './candidate';
import type { ExtractionContext } from './extractEntities';
import { nodeRange, rangeOfText, textOf, urlsIn } from './mdastHelpers';
import { stripDecoration } from './names';
import { sectionsOf } from './sections';

// Shape 6: what the user states outright, for the cases the heuristics miss or get wrong.
//   Front matter:   aliases: [Foo, FooLib]   (optional: title, kind, summary, github, arxiv, homepage)
//   Heading:        ## Foo <!-- entity kind=paper aliases="F, FooLib" -->
//   List item:      - Foo: what it is <!-- entity -->
//   Not an entity:  <!-- not-entity --> on the line of a heading, table row or list line

const ENTITY_MARKER = /<!--\s*entity\b([^>]*?)-->/i;
const NOT_ENTITY_MARKER = /<!--\s*not-entity\s*-->/i;

export function explicitCandidates(context: ExtractionContext): EntityCandidate[] {
  const note = context.note;
  const candidates: EntityCandidate[] = [];
  const fromFrontMatter = frontMatterCandidate(note);
  if (fromFrontMatter) candidates.push(fromFrontMatter);
  for (const { node: html, parent } of note.nodes.html) {
    const marker = ENTITY_MARKER.exec(html.value);
    if (!marker || !parent) continue;
    const options = parseMarkerOptions(marker[1]);
    if (parent.type === 'heading') candidates.push(markedHeading(note, parent, options));
    else if (parent.type === 'paragraph') {
      const candidate = markedParagraph(note, parent, options);
      if (candidate) candidates.push(candidate);
    }
  }
  return candidates;
}

/** Lines carrying `<!-- not-entity -->`. */
export function suppressedLines(note: ParsedNote): Set<number> {
  const lines = new Set<number>();
  for (const { node: html } of note.nodes.html) {
    if (NOT_ENTITY_MARKER.test(html.value) && html.position) lines.add(html.position.start.line - 1);
  }
  return lines;
}

interface MarkerOptions {
  kind?: EntityKind;
  aliases: string[];
}

function parseMarkerOptions(raw: string): MarkerOptions {
  const options: MarkerOptions = { aliases: [] };
  for (const match of raw.matchAll(/(\w+)\s*=\s*(?:"([^"]*)"|'([^']*)'|(\S+))/g)) {
    const value = (match[2] ?? match[3] ?? match[4] ?? '').trim();
    if (match[1] === 'kind') options.kind = value;
    if (match[1] === 'aliases' || match[1] === 'alias') options.aliases.push(...splitList(value));
  }
  return options;
}

function markedHeading(note: ParsedNote, heading: Heading, options: MarkerOptions): EntityCandidate {
  const name = stripDecoration(textOf(heading));
  const sectionBody = sectionsOf(note).find((section) => section.heading === heading)?.body ?? [];
  const firstParagraph = sectionBody.find((node) => node.type === 'paragraph');
  return makeCandidate({
    name,
    shape: 'explicit',
    kind: options.kind,
    aliases: options.aliases,
    range: rangeOfText(note, heading, name),
    urls: [...urlsIn(heading), ...sectionBody.flatMap((node) => urlsIn(node))],
    summary: firstParagraph ? textOf(firstParagraph) : '',
  });
}

function markedParagraph(note: ParsedNote, paragraph: Paragraph, options: MarkerOptions): EntityCandidate | undefined {
  const text = textOf(paragraph);
  const colon = text.search(/[:：]/);
  const name = stripDecoration(colon > 0 ? text.slice(0, colon) : text);
  if (!name) return undefined;
  const summary = colon > 0 ? text.slice(colon + 1).trim() : '';
  return makeCandidate({
    name,
    shape: 'explicit',
    kind: options.kind,
    aliases: options.aliases,
    range: rangeOfText(note, paragraph, name),
    urls: urlsIn(paragraph),
    summary,
  });
}

function frontMatterCandidate(note: ParsedNote): EntityCandidate | undefined {
  const data = note.frontMatter;
  if (!data || (data.aliases === undefined && data.entity === undefined)) return undefined;
  const aliases = Array.isArray(data.aliases) ? data.aliases.map(String) : typeof data.aliases === 'string' ? splitList(data.aliases) : [];
  const heading = note.headings.find((candidate) => candidate.level === 1);
  const name = stringField(data, 'title') ?? heading?.text ?? fileStem(note.uri);
  const firstParagraph = note.tree.children.find((node) => node.type === 'paragraph');
  const urls = ['github', 'arxiv', 'homepage', 'url'].map((key) => stringField(data, key)).filter((url): url is string => Boolean(url));
  return makeCandidate({
    name,
    shape: 'explicit',
    kind: stringField(data, 'kind') ?? stringField(data, 'type'),
    aliases,
    range: heading?.range ?? nodeRange(note, note.tree.children[0] ?? note.tree),
    urls: urls.map((url) => (/^[\w.-]+\/[\w.-]+$/.test(url) ? `https://github.com/${url}` : url)),
    summary: stringField(data, 'summary') ?? stringField(data, 'description') ?? (firstParagraph ? textOf(firstParagraph) : ''),
  });
}

function stringField(data: Record<string, unknown>, key: string): string | undefined {
  const value = data[key];
  return typeof value === 'string' && value.trim() ? value.trim() : typeof value === 'number' ? String(value) : undefined;
}

function splitList(value: string): string[] {
  return value
    .split(/[,;，；]/)
    .map((part) => part.trim())
    .filter(Boolean);
}

function fileStem(uri: string): string {
  const last = decodeURIComponent(uri.split('/').pop() ?? uri);
  return last.replace(/\.(md|markdown)$/i, '');
}
