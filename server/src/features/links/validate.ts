// Local link checks of one note: files, anchors, empty links, web addresses without a scheme or
// that cannot be parsed, references and wiki links. Answered from the index, in steps; file
// existence comes from the link graph, so call `index.linkGraph.prepare([uri])` first. A file whose
// existence is not known yet counts as existing: a missed report is better than a false one.
// Only facts are read, never a note's text, so that the index need not keep closed notes' text.

import * as path from 'node:path';
import { URI } from 'vscode-uri';
import type { NotesView } from '../../index/notesView';
import type { LinkFact, NoteFacts, Range } from '../../parse/facts';
import type { Steps } from '../../parse/steps';
import { lookUpAnchor } from '../../parse/links/anchors';
import { definitionsByLabel, isCommentDefinition } from '../../parse/links/references';
import {
  canonicalUri,
  classifyTarget,
  looksLikeWebAddress,
  malformedUrlReason,
  resolveLocalTarget,
  type LocalTarget,
} from '../../parse/links/target';
import type { AnchorStyle } from './policy';
import type { LinkProblem } from './problem';
import { explainingListItem, referenceProblems } from './referenceProblems';
import { whyNotAHeading } from './lostHeadings';
import { unresolvedWikiReason, wikiLookup } from './wiki';

interface NoteContext {
  index: NotesView;
  uri: string;
  facts: NoteFacts;
  anchorStyle: AnchorStyle;
}

/** Links checked between two steps. */
const LINKS_PER_STEP = 500;

/** The link problems of these facts of the note, in order, as steps (see `steps.ts`): a step every so many links. */
export function* linkProblemSteps(
  index: NotesView,
  uri: string,
  facts: NoteFacts,
  anchorStyle: AnchorStyle = 'github',
): Steps<LinkProblem[]> {
  const problems: LinkProblem[] = [];
  let checked = 0;
  for (const problem of eachLinkChecked({ index, uri, facts, anchorStyle })) {
    if (problem) problems.push(problem);
    if (++checked % LINKS_PER_STEP === 0) yield;
  }
  return problems.sort((a, b) => compareRanges(a.range, b.range));
}

/** The problem of each link and definition in turn, undefined for those that have none. */
function* eachLinkChecked(note: NoteContext): Generator<LinkProblem | undefined> {
  const { facts } = note;
  for (const link of facts.links) {
    const problem =
      link.kind === 'wiki'
        ? wikiProblem(note, link)
        : (reversedLinkProblem(link) ??
          emptyLinkProblem(facts, link) ??
          writtenTargetProblem(note, link.target, link.targetRange, link.isImage, link.kind));
    yield problem && { ...problem, link };
  }
  const firstDefinitions = new Set(definitionsByLabel(facts).values());
  for (const definition of facts.referenceDefinitions) {
    // A duplicate is ignored by renderers, and a comment (`[//]: #`) is no link.
    if (!firstDefinitions.has(definition) || isCommentDefinition(definition)) continue;
    const problem = writtenTargetProblem(note, definition.target, definition.targetRange, false, 'definition');
    yield problem && explainingListItem({ ...problem, definition });
  }
  yield* referenceProblems(facts);
}

/** `(vLLM)[https://…]`: shown as text in parentheses beside a bare address, and a stray `]`. */
function reversedLinkProblem(link: LinkFact): LinkProblem | undefined {
  if (!link.reversed) return undefined;
  const message = `Link '${link.reversed.text}' has its brackets reversed: written (text)[address], it shows as text beside a bare address; Markdown links are [text](address)`;
  return { code: 'link.reversed', message, range: link.reversed.range, target: link.target };
}

/** `[]()`, `[text]()`, `[](url)`, `![alt]()`. An image's empty alt text is an accessibility matter, not a dead link. */
function emptyLinkProblem(facts: NoteFacts, link: LinkFact): LinkProblem | undefined {
  if (link.kind !== 'inline' && link.kind !== 'reference') return undefined;
  if (isPlaceholderLink(link)) {
    const message = `Link '${link.text.trim()}' points at '#', a placeholder: it only goes to the top of the page`;
    return { code: 'link.empty', severity: 'info', message, range: link.range, target: link.target };
  }
  const noTarget = link.kind === 'inline' && !link.target.trim();
  const noText = !link.isImage && !link.text.trim() && !containsImage(facts, link);
  if (!noTarget && !noText) return undefined;
  const message = link.isImage
    ? `Image${link.text ? ` '${link.text}'` : ''} has no source`
    : noTarget && noText
      ? 'Empty link: no text and no target'
      : noTarget
        ? `Link '${link.text.trim()}' has no target`
        : `Link to ${link.target || `[${link.referenceLabel}]`} has no text`;
  return { code: 'link.empty', message, range: link.range, target: link.target };
}

/** `[Paper](#)`: a target left to fill in; `[⬆ back to top](#)` means what it does. */
export function isPlaceholderLink(link: LinkFact): boolean {
  return link.kind === 'inline' && !link.isImage && link.target.trim() === '#' && !!link.text.trim() && !BACK_TO_TOP.test(link.text);
}

const BACK_TO_TOP = /\b(?:back|top|up)\b|[↑⬆⇧🔝]|顶|返回|回到|맨 위|haut/iu;

/** `[![badge](img.svg)](url)`: the image is the link's text. */
function containsImage(facts: NoteFacts, link: LinkFact): boolean {
  return facts.links.some(
    (other) =>
      other.isImage &&
      other !== link &&
      compareRanges(other.range, link.range) >= 0 &&
      comparePositions(other.range.end, link.range.end) <= 0,
  );
}

function writtenTargetProblem(
  note: NoteContext,
  target: string,
  range: Range,
  isImage: boolean,
  kind: LinkFact['kind'],
): LinkProblem | undefined {
  // A reference link's target is checked once, at its definition.
  if (kind === 'reference') return undefined;
  const classified = classifyTarget(target);
  if (classified.kind === 'web') {
    const reason = malformedUrlReason(classified.url);
    return reason ? { code: 'link.malformed-url', message: `Malformed URL ${target.trim()}: ${reason}`, range, target } : undefined;
  }
  return classified.kind === 'local' ? localTargetProblem(note, classified, target, range, isImage) : undefined;
}

function localTargetProblem(
  note: NoteContext,
  target: LocalTarget,
  written: string,
  range: Range,
  isImage: boolean,
): LinkProblem | undefined {
  const { index, uri } = note;
  const graph = index.linkGraph;
  const file = resolveLocalTarget(target, uri, graph.folders) ?? canonicalUri(uri);
  if (graph.exists(file) === false) {
    if (looksLikeWebAddress(written)) {
      return {
        code: 'link.missing-scheme',
        message: `${written.trim()} looks like a web address without https://; as written it is a path to a file that does not exist`,
        range,
        target: written,
      };
    }
    return {
      code: 'link.file-not-found',
      message: `${isImage ? 'Image' : 'File'} not found: ${target.writtenPath}`,
      range,
      target: written,
    };
  }
  if (target.fragment === undefined) return undefined;
  const anchorNote = graph.noteAt(file);
  const anchors = anchorNote ? index.anchors(anchorNote) : undefined;
  // Only notes have headings we know; a fragment into a PDF, an HTML page or an unindexed file is not checked.
  if (!anchorNote || !anchors) return undefined;
  const lookup = lookUpAnchor(anchors, target.fragment);
  if (lookup.kind === 'found' || (lookup.kind === 'slugged' && note.anchorStyle === 'loose')) return undefined;
  const where = anchorNote === uri ? 'this note' : path.posix.basename(URI.parse(anchorNote).path);
  const problem = { code: 'link.anchor-not-found' as const, range, target: written, anchorNote };
  if (lookup.kind === 'missing') {
    const why = whyNotAHeading(index.lostHeadings(anchorNote) ?? [], target.fragment);
    return { ...problem, message: `No heading '#${target.fragment}' in ${where}${why ? `: ${why}` : ''}` };
  }
  return {
    ...problem,
    message: `No anchor '#${target.fragment}' in ${where}: GitHub links to a heading by its exact anchor, #${lookup.anchor}${looseHint(target.fragment)}`,
    exactAnchor: lookup.anchor,
  };
}

/** Heading text as a fragment (`#Getting Started`) is how other renderers (Obsidian) link: say how to accept it. */
function looseHint(fragment: string): string {
  return /\s|%20|[A-Z]/.test(fragment)
    ? ' (for notes written for a renderer that links by heading text, set marginalia.links.anchors to loose)'
    : '';
}

function wikiProblem(note: NoteContext, link: LinkFact): LinkProblem | undefined {
  const reason = unresolvedWikiReason(note.index, wikiLookup(note.index), note.uri, link.target);
  return reason
    ? { code: 'link.wiki-unresolved', message: `[[${link.target}]]: ${reason}`, range: link.targetRange, target: link.target }
    : undefined;
}

export function compareRanges(a: Range, b: Range): number {
  return comparePositions(a.start, b.start) || comparePositions(a.end, b.end);
}

function comparePositions(a: Range['start'], b: Range['start']): number {
  return a.line - b.line || a.character - b.character;
}
