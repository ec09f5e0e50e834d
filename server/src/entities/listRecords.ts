import type { BlockContent, DefinitionContent, List, ListItem, Nodes, Paragraph, RootContent } from 'mdast';
import type { EntityCandidate, Range } from '../parse/facts';
import { isAuthorList } from './byline';
import { makeCandidate, readsAsTitle } from './candidate';
import { citedTitle } from './citations';
import { ANY_FIELD, PAPER_FIELD, SUMMARY_FIELD } from './fieldLabels';
import { anchorNamesUrl, identityOf } from './identity';
import type { ExtractionContext } from './extractEntities';
import { linkNodesIn, textOf } from './mdastHelpers';
import { CJK_CHAR, namesGivenIn } from './names';
import { leadOf, type Lead, type NamedLink } from './recordLead';
import { shortBeforeTitle } from './recordNames';
import { plainOf, segmentsOf, type LinkSegment } from './segments';
import { underIndentedDescription, underIndentedSubList } from './subLists';

// Records of lists and loose paragraphs: the commonest shapes of project and paper lists, e.g.
//   1、[keyd](…/click?target=https://github.com/rvaiya/keyd)：Linux 系统级改键工具。…
//   + BOOM: Christopher Celio的RV64乱序处理器实现。      ← the link on the item's next line
//     [[GitHub](https://github.com/ucb-bar/riscv-boom)]
//   - [Warewulf](https://warewulf.hpcng.org/) - stateless and diskless ([Source Code](https://github.com/hpcng/warewulf))
//   1. [BERT: Pre-training of …](https://arxiv.org/abs/1810.04805) by Devlin et al. - …
//   [^3]: vLLM: https://github.com/vllm-project/vllm
// A record is a list item with its sub-items, a footnote, or a paragraph outside lists. Its name and
// identity come from its lead paragraph (recordLead.ts); sub-items that are fields (`- Link: …`,
// `- 简介：…`) belong to it, and sub-items that name something of their own are records of their own.

type Block = RootContent | BlockContent | DefinitionContent;

export function listRecordCandidates(context: ExtractionContext): EntityCandidate[] {
  const candidates: EntityCandidate[] = [];
  visitBlocks(context, context.note.tree.children as Block[], candidates);
  return candidates;
}

function visitBlocks(context: ExtractionContext, blocks: readonly Block[], out: EntityCandidate[]): void {
  for (let index = 0; index < blocks.length; index++) {
    const block = blocks[index];
    if (block.type === 'list') {
      const under = underIndentedSubList(block, blocks[index + 1]);
      visitList(context, block, out, under);
      if (under) index++;
    } else if (block.type === 'blockquote') visitBlocks(context, block.children as Block[], out);
    // `[^2]: Orca: A Distributed Serving System …`: a note defines what it cites.
    else if (block.type === 'footnoteDefinition') visitRecord(context, block.children as Block[], out, true);
    else if (block.type === 'paragraph') {
      const description = entryDescription(blocks, index);
      visitRecord(context, description ? [block, description] : [block], out, false, true);
    }
  }
}

/** `2、[cleanmac](…)` alone on its line: a numbered entry of a digest, written as a paragraph, not a list item. */
const ENTRY_NUMBER = /^\s*\d{1,3}\s*[、.．)）]\s*/;
const ONLY_ASIDE = /^(?:[(（][^()（）]{1,80}[)）])?$/;

/**
 * The paragraph that describes a digest's entry, under its line and any pictures of it:
 *   1、[Yaak](https://github.com/mountain-loop/yaak)
 *   ![](…/bg2025030102.webp)
 *   一个测试 API 的开源桌面软件，功能比较全。
 * Only an entry that says nothing of the thing on its own line, and only up to the next entry or heading.
 */
function entryDescription(blocks: readonly Block[], index: number): Paragraph | undefined {
  const entry = blocks[index] as Paragraph;
  if (!ENTRY_NUMBER.test(textOf(entry)) || !saysNothingAfterItsLink(entry)) return undefined;
  for (let next = index + 1; next < blocks.length && next <= index + 4; next++) {
    const block = blocks[next];
    if (block.type === 'html' || (block.type === 'paragraph' && holdsOnlyPictures(block))) continue;
    return block.type === 'paragraph' && !ENTRY_NUMBER.test(textOf(block)) ? block : undefined;
  }
  return undefined;
}

function saysNothingAfterItsLink(paragraph: Paragraph): boolean {
  const segments = segmentsOf(paragraph.children);
  const link = segments.findIndex((segment) => segment.kind === 'link');
  if (link < 0 || segments.slice(link + 1).some((segment) => segment.kind !== 'text')) return false;
  return ONLY_ASIDE.test(plainOf(segments.slice(link + 1)));
}

function holdsOnlyPictures(paragraph: Paragraph): boolean {
  return segmentsOf(paragraph.children).every(
    (segment) => segment.kind === 'image' || (segment.kind === 'text' && segment.text.trim() === ''),
  );
}

/**
 * In a list whose items link what they describe, an item without a link that still reads `Name: what it
 * is` defines that name (`+ Rocket: 支持RV64/32的开源处理器` among linked processors).
 */
function visitList(context: ExtractionContext, list: List, out: EntityCandidate[], underLast?: List): void {
  const definitionList = list.children.some((item) => hasIdentityLink(item));
  const last = list.children[list.children.length - 1];
  for (let index = 0; index < list.children.length; index++) {
    const item = list.children[index];
    const description = underIndentedDescription(item, list.children[index + 1]);
    const blocks = description ? [...(item.children as Block[]), subListOf(list, description)] : (item.children as Block[]);
    const endsTheList = item === last || description === last;
    visitRecord(context, endsTheList && underLast ? [...blocks, underLast] : blocks, out, definitionList);
    if (description) index++;
  }
}

/** The description item as the sub-list its writer meant it to be. */
function subListOf(list: List, item: ListItem): List {
  return { type: 'list', ordered: list.ordered, spread: false, children: [item], position: item.position };
}

function hasIdentityLink(item: ListItem): boolean {
  const lead = item.children[0];
  return lead?.type === 'paragraph' && hasIdentity(lead);
}

/**
 * Whether a paragraph links something with an identity, each link read with its text: an organisation's
 * page is the home page of a project named like it (`[devsim](https://github.com/devsim)`), a person's
 * page (`[Tudor Timi](https://github.com/tudortimi)`) is no one project's.
 */
function hasIdentity(paragraph: Paragraph): boolean {
  return linkNodesIn(paragraph).some((link) => (identityOf(link.url) ?? identityOf(link.url, textOf(link))) !== undefined);
}

/** One record: its lead paragraph, the blocks that describe it, and the sub-records it holds. */
function visitRecord(
  context: ExtractionContext,
  blocks: readonly Block[],
  out: EntityCandidate[],
  definitionList = false,
  loose = false,
): void {
  const [first, ...rest] = blocks;
  if (!first || first.type !== 'paragraph') {
    visitBlocks(context, blocks, out);
    return;
  }
  // Most paragraphs are prose without a link: a loose one defines nothing then, and costs nothing more.
  const identified = hasIdentity(first);
  if (loose && !identified) return;
  const body = recordBody(rest);
  // Without an identity, only `Name: what it is` defines something.
  if (identified || body.fieldLinks.some((link) => link.identity) || mayDefineByName(first)) {
    const lead = leadOf(first, body.fieldLinks, { definitionList, loose, described: body.description.length > 0 });
    if (lead) out.push(...candidatesOf(context, lead, body));
  }
  const subDefinitionList = body.subRecords.some(hasIdentityLink);
  for (const item of body.subRecords) visitRecord(context, item.children as Block[], out, subDefinitionList);
  visitBlocks(context, body.otherBlocks, out);
}

function mayDefineByName(paragraph: Paragraph): boolean {
  const opening = paragraph.children.find((child) => child.type !== 'text' || child.value.trim() !== '');
  const text = opening?.type === 'text' ? opening.value : opening?.type === 'strong' ? textOf(opening) : '';
  return /[:：]|\s[-–—]\s|——/.test(text.slice(0, 200)) || shortBeforeTitle(text) !== undefined;
}

interface RecordBody {
  /** Links of field sub-items (`- Link: https://…`), the record's own evidence. */
  fieldLinks: LinkSegment[];
  /** Links of fields citing a paper about the thing (`- Paper: …`), kept apart until the record's fields are all read. */
  paperFieldLinks: LinkSegment[];
  /** Description sub-items, blockquotes and paragraphs under the lead, read only for a record that defines something. */
  description: Array<string | Block>;
  subRecords: ListItem[];
  otherBlocks: Block[];
  /** The title of the first paper a field cites, which describes a record that says nothing else of itself. */
  citedTitle?: string;
}

function recordBody(blocks: readonly Block[]): RecordBody {
  const body: RecordBody = { fieldLinks: [], paperFieldLinks: [], description: [], subRecords: [], otherBlocks: [] };
  for (const block of blocks) {
    // `*Repository*: https://…` as a paragraph of the item, the way a list of entries with several fields each
    // spaces them out: a field as a sub-item `- Repository: …` would be.
    if (block.type === 'paragraph' && ANY_FIELD.test(textOf(block))) readField(textOf(block), linksOf(block), body);
    else if (block.type === 'paragraph' || block.type === 'blockquote') body.description.push(block);
    else if (block.type === 'list') {
      const amongRecords = block.children.filter(hasIdentityLink).length >= 2;
      for (const item of block.children) readSubItem(item, body, amongRecords);
    } else body.otherBlocks.push(block);
  }
  body.fieldLinks.push(...body.paperFieldLinks);
  return body;
}

/**
 * A sub-item is a field of its parent, a description of it, or a record of its own. A bare address among
 * sub-items that are records (`* Haskell` over `- [concat](…)`, `- https://github.com/…/talk-…`) is one
 * more record, not the parent's link.
 */
function readSubItem(item: ListItem, body: RecordBody, amongRecords: boolean): void {
  const lead = item.children[0];
  if (!lead || lead.type !== 'paragraph') {
    body.subRecords.push(item);
    return;
  }
  const text = textOf(lead);
  const segments = segmentsOf(lead.children);
  const links = segments.filter((segment): segment is LinkSegment => segment.kind === 'link');
  const onlyBareAddresses =
    links.length > 0 && links.every((link) => link.bare) && plainOf(segments.filter((segment) => segment.kind !== 'link')) === '';
  if (amongRecords && onlyBareAddresses && !ANY_FIELD.test(text)) {
    body.subRecords.push(item);
    return;
  }
  if (
    ANY_FIELD.test(text) ||
    (links.length > 0 &&
      links.every((link) => link.generic) &&
      plainOf(segments.filter((segment) => segment.kind !== 'link')).replace(/[[\]()|/,，、\s]/g, '') === '')
  ) {
    readField(text, links, body);
    return;
  }
  if (links.some((link) => link.identity && !link.generic) || item.children.length > 1 || (links.length > 0 && namesSomething(lead))) {
    body.subRecords.push(item);
    return;
  }
  body.description.push(text);
}

function readField(text: string, links: readonly LinkSegment[], body: RecordBody): void {
  // `Paper: … doi` above `Repository: github…`: the paper is about the thing, its repository is the thing, so
  // when both could be its identity, the cited paper's link comes last.
  (PAPER_FIELD.test(text) ? body.paperFieldLinks : body.fieldLinks).push(...links);
  if (PAPER_FIELD.test(text)) body.citedTitle ??= citedTitle(text);
  const summary = SUMMARY_FIELD.exec(text);
  if (summary) body.description.unshift(text.slice(summary[0].length));
}

function linksOf(paragraph: Paragraph): LinkSegment[] {
  return segmentsOf(paragraph.children).filter((segment): segment is LinkSegment => segment.kind === 'link');
}

/**
 * Whether a sub-item whose only links are labels (`[[GitHub](…)]`, `[[Code](…)]`) names a thing of its own
 * (`- PULPino: … [[GitHub](…)]`), rather than describing its parent (`- The group perform … [[Code](…)]`).
 */
function namesSomething(lead: Paragraph): boolean {
  return (leadOf(lead, [])?.names.length ?? 0) > 0;
}

function candidatesOf(context: ExtractionContext, lead: Lead, body: RecordBody): EntityCandidate[] {
  if (lead.names.length === 0 && lead.passingLinks.length === 0) return [];
  const texts = body.description.map((part) => (typeof part === 'string' ? part : textOf(part as Nodes)));
  // `- Title [[paper]](…)` over `  - Ada Example (Acme University), Bo Sample (…)`: who wrote it, not what it is.
  const authors = texts.filter(isAuthorList);
  const description = texts.filter((text) => !authors.includes(text));
  const summary = [lead.summary, ...description].filter(Boolean).join(' ') || lead.subtitle || body.citedTitle || '';
  const candidates: EntityCandidate[] = [];
  lead.names.forEach((named, position) => {
    const ownSummary = position === 0 || lead.sharedSummary ? summary : '';
    // `- [显存优化](https://hf-mirror.com)`: a topic pointing at a site about it. A home page defines a
    // thing only when the record says what it is, or the link's text names the page.
    if (named.identity?.kind === 'homepage' && !ownSummary && !anchorNamesUrl(named.name, named.identity.url)) return;
    const fields =
      authors.length > 0 && !named.fields.authors ? { ...named.fields, authors: authors.join(' ').replace(/[.。]$/, '') } : named.fields;
    const candidate = candidateOf(context, { ...named, fields }, ownSummary, aboutCitedPaper(named, body));
    if (!candidate) return;
    candidates.push(candidate);
    // `[[paper](arxiv…)]` in a model's record is evidence about the model, not a paper defined there.
    for (const link of named.evidence) context.claimedLinks.add(link.start);
  });
  for (const link of lead.passingLinks) {
    if (context.claimedLinks.has(link.start) || !link.identity) continue;
    context.claimedLinks.add(link.start);
    candidates.push(
      makeCandidate({
        name: link.name,
        shape: 'list-record',
        range: rangeOf(context, link.nameStart, link.nameEnd),
        urls: [link.identity.url],
        identity: link.identity,
        summary: link.summary,
        weak: false,
      }),
    );
  }
  return candidates;
}

/**
 * `- **Lattice**` over `Paper: … https://doi.org/…`: a short name whose only strong link is the paper a
 * field cites is the language or tool the paper presents, not the paper, which has a title.
 */
function aboutCitedPaper(named: NamedLink, body: RecordBody): boolean {
  const key = named.identity?.kind === 'paper' ? named.identity.key : undefined;
  return key !== undefined && !readsAsTitle(named.name) && body.paperFieldLinks.some((link) => link.identity?.key === key);
}

/** A candidate for a name the lead chose; its identity was decided with it (recordLead.ts). */
function candidateOf(context: ExtractionContext, named: NamedLink, summary: string, aboutPaper = false): EntityCandidate | undefined {
  if (named.linkStart !== undefined) {
    if (context.claimedLinks.has(named.linkStart)) return undefined;
    context.claimedLinks.add(named.linkStart);
  }
  const identity = named.identity;
  if (!identity && !named.nameOnly) return undefined;
  const range = rangeOf(context, named.nameStart, named.nameEnd);
  // `## 文章` / `2、[不要用 TypeScript 枚举](…)`: an article's title names no project, nor `TypeScript` in it.
  // Only a Chinese title is taken for an article so: an English list's `## Articles` holds announcements such
  // as `[Pathways Language Model (PaLM): …](…googleblog…)`, which do name what they announce.
  const article =
    (!identity || identity.kind === 'homepage') &&
    CJK_CHAR.test(named.name) &&
    context.writingSpans.some((span) => span.start <= range.start.line && range.start.line <= span.end);
  return makeCandidate({
    name: named.name,
    shape: 'list-record',
    range,
    urls: [...(identity ? [identity.url] : []), ...named.evidence.map((link) => link.url)],
    identity: identity ?? null,
    summary,
    ...(article ? { kind: 'article' } : aboutPaper ? { kind: 'project' } : named.kind ? { kind: named.kind } : {}),
    aliases: article ? [] : [...named.aliases, ...namesGivenIn(summary)],
    fields: named.fields,
    // `2. https://arxiv.org/pdf/…` cites; `- https://github.com/grafana/k6 - useful for load testing` describes.
    fallback: named.citation && !summary,
  });
}

function rangeOf(context: ExtractionContext, start: number, end: number): Range {
  return context.note.lines.rangeOf(start, end);
}
