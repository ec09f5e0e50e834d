import type { Paragraph } from 'mdast';
import { squashName } from './candidate';
import { anchorNamesUrl, identityOf, identityStrength, type Identity } from './identity';
import { cleanLinkName, isHeadline, isNameLike, namingComma, shortBeforeTitle, stripPossessive, type TitledShortName } from './recordNames';
import {
  CODE_LABEL,
  definesInPassing,
  definesInProse,
  describesInWords,
  endsInOrdinaryWord,
  isCoinedChineseName,
  isConceptArticle,
  isDefinableName,
  namesOnlyTheCompany,
} from './recordPolicy';
import { splitByline } from './byline';
import { citationTail } from './citationTail';
import { withoutDateline } from './datelines';
import { clauseAfter } from './linkClauses';
import { LINK_FIELD } from './fieldLabels';
import { segmentsOf, type LinkSegment, type Segment } from './segments';
import { charsOf, trimChars } from './trim';
import { isCommonPhrase } from './words';

// The lead of a record is the paragraph that opens it. Its name is chosen by ranked rules: the link it
// opens with (unless that link is a generic label such as `[pdf]` or `[GitHub]`), else the text before
// a separator (`:` `：` ` - ` `——`), a bold lead or a quoted title; a lead that is a sentence names
// only the links it holds. The identity is the name's own link, or the record's evidence (generic
// labelled links, bare URLs, field sub-items) when the name has none or only a homepage.
// Slightly over 400 lines: the ranked rules read one another's results and stay side by side.

export interface NamedLink {
  name: string;
  nameStart: number;
  nameEnd: number;
  identity?: Identity;
  /** Offset of the link the name came from, so no other shape reads it again. */
  linkStart?: number;
  evidence: LinkSegment[];
  aliases: string[];
  fields: Record<string, string>;
  /** Whether the record defines the thing by its name alone (no link anywhere in it). */
  nameOnly: boolean;
  /** A bare address in a list cites its target: it defines it only when nothing else does. */
  citation?: boolean;
  /** What the record's own words show the thing to be, where they do (a paper's title beside its name). */
  kind?: 'paper';
}

export interface PassingLink {
  name: string;
  nameStart: number;
  nameEnd: number;
  start: number;
  identity?: Identity;
  /** What the record says of the link in the clause after it, when a label heads several links. */
  summary: string;
}

export interface Lead {
  names: NamedLink[];
  summary: string;
  /** A paper title's subtitle, the summary when nothing else describes it. */
  subtitle?: string;
  /** Whether every name shares the summary (`[torchtitan](…) / [nanotron](…) - full training stacks`). */
  sharedSummary: boolean;
  /** Links in the lead's running text that name something of their own. */
  passingLinks: PassingLink[];
}

const NUMBERING =
  /^\s*(?:(?:\d{1,3}|[a-zA-Z]|[一二三四五六七八九十]{1,3})\s*[、.)）．]\s+|(?:\d{1,3}|[一二三四五六七八九十]{1,3})\s*、\s*|[(（]\d{1,3}[)）]\s*|[①-⑳]\s*|第[一二三四五六七八九十\d]{1,3}[名个位]?\s*[:：]\s*)/;
const SEPARATOR = /\s*(?:[:：]|\s[-–—]\s|——|\s—|—\s)\s*/;
/** Characters of a lead searched for its name and separator: no name is longer. */
const MAX_NAME_SCAN = 200;
/** A longer paragraph around one link is prose that mentions it, not a description of it. */
const MAX_DESCRIBING_SENTENCE = 160;
const SPACED_LINK_TEXT = /^\s*\[([^[\]]{1,120})\]\s*\($/;
const LINK_JOINER = /^\s*(?:[/,，、&|]|and|or|以及|和|与)?\s*$/;

export interface LeadOptions {
  /** The record is an item of a list whose items link what they describe. */
  definitionList: boolean;
  /** The record is a paragraph outside any list: a run of loose lines, whose names loose lists read. */
  loose: boolean;
  /** Paragraphs or sub-items under the lead describe the record, so a lead without a description of its own still defines. */
  described?: boolean;
}

export function leadOf(
  paragraph: Paragraph,
  fieldLinks: readonly LinkSegment[],
  options: LeadOptions = { definitionList: false, loose: false },
): Lead | undefined {
  const segments = dropNumbering(segmentsOf(paragraph.children));
  if (segments.length === 0) return undefined;
  const links = segments.filter((segment): segment is LinkSegment => segment.kind === 'link');
  const evidence = [...links.filter((link) => link.generic), ...fieldLinks];
  const identityFallback = strongest(evidence);
  const first = segments.findIndex((segment) => !(segment.kind === 'text' && /^[\s[(（【"“]*$/.test(segment.text)));
  if (first < 0) return undefined;
  const opening = segments[first];
  if (opening.kind === 'link' && !opening.generic) return linkLed(segments, first, evidence, identityFallback, options.described ?? false);
  if (opening.kind === 'link' && opening.bare) return bareUrlLed(segments, first, evidence);
  return textLed(segments, first, links, evidence, identityFallback, options);
}

/** `[Name](url)：description`, and groups such as `[A](…) / [B](…) - description`. */
function linkLed(segments: Segment[], first: number, evidence: LinkSegment[], fallback: Identity | undefined, described: boolean): Lead {
  const group: LinkSegment[] = [];
  let index = first;
  while (index < segments.length) {
    const segment = segments[index];
    if (segment.kind === 'link' && !segment.generic) group.push(segment);
    else if (
      !(segment.kind === 'text' && LINK_JOINER.test(segment.text)) &&
      !(segment.kind === 'link' && segment.generic && group.length === 0)
    )
      break;
    index++;
  }
  const rest = segments.slice(index);
  const names: NamedLink[] = [];
  const summaryParts: string[] = [];
  const citation = citationTail(rest, summaryText);
  const byline = citation ?? withoutAuthors(summaryText(rest));
  const { authors } = byline;
  const venue = citation?.venue;
  const aside = group.length === 1 ? asideAfterName(byline.summary) : undefined;
  const restSummary = aside ? '' : byline.summary;
  let subtitle = '';
  for (const link of group) {
    // `- [显存优化](https://hf-mirror.com)`: a home page that nothing describes and whose text does not
    // name it defines nothing (listRecords.ts); most such items are decided here, before any naming.
    if (link.identity?.kind === 'homepage' && !fallback && !restSummary && !described && !anchorNamesUrl(link.text, link.identity.url))
      continue;
    const cleaned = cleanLinkName(link.text, link.identity);
    if (!cleaned) continue;
    const ownIdentity = upgradedIdentity(link, cleaned.name, group.length === 1 ? fallback : undefined);
    // `[High Performance Computing (HPC)](…wikipedia…)`: an encyclopedia's page on a concept, not a project's
    // home; `[SiFive任命某人新CEO](news…)`: a headline of an article, not a name.
    if (isConceptArticle(ownIdentity, cleaned.name)) continue;
    if (ownIdentity?.kind === 'homepage' && (isHeadline(cleaned.name) || namesOnlyTheCompany(cleaned.name, ownIdentity.url))) continue;
    const fields: Record<string, string> = { ...(authors ? { authors } : {}), ...(venue ? { venue } : {}) };
    names.push({
      ...nameAt(link, cleaned.name),
      identity: ownIdentity,
      linkStart: link.start,
      evidence: [link, ...evidence],
      aliases: aside?.name ? [...cleaned.aliases, aside.name] : cleaned.aliases,
      fields,
      nameOnly: false,
    });
    if (cleaned.description && group.length === 1) summaryParts.push(cleaned.description);
    if (cleaned.subtitle && group.length === 1) subtitle = cleaned.subtitle;
  }
  summaryParts.push(restSummary);
  const summary = joinSummary(summaryParts);
  return { names, summary, subtitle, sharedSummary: names.length > 1, passingLinks: passingLinksIn(rest) };
}

const PARENTHESISED = /^[(（]([^()（）]{1,80})[)）]$/;
/** Notes on the page rather than names of the thing: its language, its medium, an issue number. */
const PAGE_NOTE = /^(?:英文|中文|日文|英语|中英|english|chinese|视频|video|pdf|付费|paid|#?\d+|(?:19|20)\d{2})$/i;

/**
 * All a link is followed by is a parenthesis: `[市场结构入门](…)（Market Structure Primer）` gives another
 * name, `（英文）` or `（#248）` a note about the page. Neither describes the thing; a lower-case phrase does
 * (`(a tool for X)`), and is left to be the summary.
 */
function asideAfterName(text: string): { name?: string } | undefined {
  const inner = PARENTHESISED.exec(text.trim())?.[1].trim();
  if (!inner) return undefined;
  if (PAGE_NOTE.test(inner)) return {};
  return isNameLike(inner, { link: false }) && !(inner === inner.toLowerCase() && isCommonPhrase(inner)) ? { name: inner } : undefined;
}

/** `- https://github.com/grafana/k6 - useful for load testing`: named after its repository. */
function bareUrlLed(segments: Segment[], first: number, evidence: LinkSegment[]): Lead | undefined {
  const link = segments[first] as LinkSegment;
  const rest = segments.slice(first + 1);
  const identity = link.identity;
  if (!identity) return undefined;
  const name = identity.repositoryName ?? (identity.kind === 'paper' ? identity.key.replace(/^arxiv:/, 'arXiv:') : undefined);
  if (!name) return undefined;
  return {
    names: [
      {
        name,
        nameStart: link.textStart,
        nameEnd: link.textEnd,
        identity,
        linkStart: link.start,
        evidence,
        aliases: [],
        fields: {},
        nameOnly: false,
        citation: true,
      },
    ],
    summary: summaryText(rest),
    sharedSummary: false,
    passingLinks: [],
  };
}

/** `BOOM: description [[GitHub](…)]`, `**EBMC:** …`, `"Title" paper https://arxiv…`, or a sentence with links in it. */
function textLed(
  segments: Segment[],
  first: number,
  links: LinkSegment[],
  evidence: LinkSegment[],
  fallback: Identity | undefined,
  options: LeadOptions,
): Lead | undefined {
  const paper = fallback?.kind === 'paper' ? titledPaper(segments, first, fallback, evidence) : undefined;
  if (paper) return paper;
  const lead = leadingName(segments, first, options.loose);
  const cited = lead && labelledAddress(lead);
  if (cited) return bareUrlLed(segments, segments.indexOf(cited), evidence);
  const namedLinks = links.filter((link) => !link.generic && link.identity);
  if (lead) {
    const matching = namedLinks.find((link) => sameName(cleanLinkName(link.text, link.identity)?.name ?? '', lead.name));
    // `Tips：… [点击](…)`: an ordinary word takes a link's identity only where the link names it too.
    // A Chinese phrase in running text before a `[链接]`-like label is a sentence's start, not a name.
    // `Spike (…) [GitHub](…)`: a link labelled as the code of something is the code of what the record names.
    const labelledCode = evidence.some(
      (link) =>
        link.identity === fallback && link.identity?.kind === 'repository' && CODE_LABEL.test(link.text.replace(/[[\]]/g, '').trim()),
    );
    // `* 书生·浦语` over `* 地址：…`: a coined Chinese name standing alone over its fields is what they locate,
    // and so is a name set in bold (`- ***Lattice***` over `Paper: …`), even an ordinary word: a writer
    // sets off a name that way, not a topic over a link.
    const emphasised = segments[first].kind === 'text' && segments[first].bold;
    const aloneOverFields =
      !links.some((link) => link.identity === fallback) && !summaryText(lead.rest) && (isCoinedChineseName(lead.name) || emphasised);
    const plausible = (candidate: Identity | undefined) =>
      candidate &&
      (options.definitionList ||
        labelledCode ||
        aloneOverFields ||
        anchorNamesUrl(lead.name, candidate.url) ||
        (!isCommonPhrase(lead.name) && /[A-Za-z]/.test(lead.name)));
    const own = ownEvidence(lead.name, links, fallback);
    const identity = matching ? upgradedIdentity(matching, lead.name, fallback) : plausible(own) ? own : undefined;
    const others = namedLinks.filter((link) => link !== matching);
    // `**Intel Gaudi**: the [vllm-gaudi](…) plugin …` is a heading over the links it holds, not a name.
    if (identity || others.length === 0) {
      const rest = lead.rest.filter((segment) => segment !== matching);
      const summary = summaryText(rest);
      const description = summary || lead.title?.subtitle || '';
      // Loose lines without a link are read by loose lists, which see the lines around them.
      const nameOnly =
        !identity &&
        !options.loose &&
        links.length === 0 &&
        description.length > 0 &&
        lead.separated &&
        (lead.title !== undefined || isDefinableName(lead.name, options.definitionList)) &&
        describesInWords(description);
      return {
        names: [
          {
            name: lead.name,
            nameStart: lead.start,
            nameEnd: lead.end,
            identity,
            linkStart: matching?.start,
            evidence,
            aliases: lead.title?.aliases ?? [],
            fields: {},
            nameOnly,
            ...(lead.title ? { kind: 'paper' as const } : {}),
          },
        ],
        summary,
        subtitle: lead.title?.subtitle,
        sharedSummary: false,
        passingLinks: identity ? passingLinksIn(rest) : [],
      };
    }
  }
  // A sentence holding one link describes what it links to (`RISC-V GNU GCC [riscv-gnu-toolchain](…)`).
  const sentence = labelsItsLink(segments, namedLinks[0]) ? '' : summaryText(withLinkInPlace(segments, namedLinks[0]));
  // `See also [A](…) and [B](…/notes.md).`: a sentence naming two things describes neither, even where one
  // of the links (an article, a document) identifies nothing.
  const named = links.filter((link) => !link.generic).length;
  if (named === 1 && namedLinks.length === 1 && sentence.length <= MAX_DESCRIBING_SENTENCE && definesInProse(namedLinks[0])) {
    const link = namedLinks[0];
    const cleaned = cleanLinkName(link.text, link.identity);
    if (!cleaned || !isNameLike(cleaned.name, { link: true })) return undefined;
    return {
      names: [
        {
          ...nameAt(link, cleaned.name),
          identity: upgradedIdentity(link, cleaned.name, fallback),
          linkStart: link.start,
          evidence,
          aliases: cleaned.aliases,
          fields: {},
          nameOnly: false,
        },
      ],
      summary: sentence,
      sharedSummary: false,
      passingLinks: [],
    };
  }
  // `**Google TPU**: [tpu-inference](…) - the vLLM TPU plugin; [MaxText](…) is …`: a label over links it describes one by one.
  const labelled = lead !== undefined && lead.separated;
  return { names: [], summary: '', sharedSummary: false, passingLinks: passingLinksIn(segments, labelled) };
}

interface LeadingName {
  name: string;
  start: number;
  end: number;
  /** The segments after the name and its separator. */
  rest: Segment[];
  /** Whether a separator followed the name (`Name: …`), rather than the name standing alone. */
  separated: boolean;
  /** The paper title written beside the name (`Wanda(A Simple and Effective Pruning Approach …)`). */
  title?: TitledShortName;
}

/** The name a text-led record opens with: before its separator, in bold, or in quotes. */
function leadingName(segments: Segment[], first: number, loose: boolean): LeadingName | undefined {
  const opening = segments[first];
  if (opening.kind !== 'text' && opening.kind !== 'code') return undefined;
  if (opening.kind === 'text' && opening.bold) {
    let end = first;
    while (end + 1 < segments.length && segments[end + 1].kind === 'text' && (segments[end + 1] as { bold: boolean }).bold) end++;
    const text = segments
      .slice(first, end + 1)
      .map((segment) => (segment.kind === 'text' ? segment.text : ''))
      .join('');
    const name = stripPossessive(trimChars(text.slice(0, MAX_NAME_SCAN), charsOf(':：'), { start: false }));
    const after = segments[end + 1];
    const separated = /[:：]\s*$/.test(text) || (after?.kind === 'text' && SEPARATOR.test(after.text.slice(0, 4)));
    if (isNameLike(name, { link: false })) return { name, ...spanOf(opening, name), rest: segments.slice(end + 1), separated };
    return undefined;
  }
  // The name stands on the record's first line; a line break ends it as a separator would.
  const lineBreak = opening.text.indexOf('\n');
  // A name stands within the first characters: separators are searched there only.
  const text = (lineBreak >= 0 ? opening.text.slice(0, lineBreak) : opening.text).slice(0, MAX_NAME_SCAN);
  const title = shortBeforeTitle(text);
  if (title) {
    const rest: Segment[] = [{ ...opening, text: opening.text.slice(title.length) }, ...segments.slice(first + 1)];
    return { name: title.short, ...spanOf(opening, title.short), rest, separated: true, title };
  }
  const quoted = /^\s*["“《]([^"”》]{2,120})["”》]/.exec(text);
  if (quoted) return { name: quoted[1].trim(), ...spanOf(opening, quoted[1].trim()), rest: segments.slice(first + 1), separated: true };
  const separator = namingComma(text) ?? SEPARATOR.exec(text) ?? /\.\s+(?=[\u3400-\u9fff])/.exec(text);
  const before = separator ? text.slice(0, separator.index) : text;
  // `[CUDPP] (https://…)`: a link written with a space before its address, which Markdown reads as text.
  const name = stripPossessive(trimChars(SPACED_LINK_TEXT.exec(before)?.[1] ?? before, charsOf('[(（【')));
  if (!name || !isNameLike(name, { link: false })) return undefined;
  // In a run of loose lines the first line may close the previous entry: loose lists find those names.
  if (!separator && lineBreak >= 0 && loose) return undefined;
  const separated = Boolean(separator) || lineBreak >= 0;
  // `out:` or `See [](…)`: an ordinary word is no name, least of all without a separator.
  if (isCommonPhrase(name) && (!separated || name === name.toLowerCase())) return undefined;
  // Without a separator, the text before a link is a name only if it reads as one: `RISC-V GNU GCC
  // [riscv-gnu-toolchain](…)` names, `SymbiYosys requires [Yosys](…)` and `Andes LLVM port [x](…)` describe.
  if (!separated && endsInOrdinaryWord(name)) return undefined;
  const firstLine = lineBreak >= 0 ? opening.text.slice(0, lineBreak) : opening.text;
  const restText =
    (separator ? firstLine.slice(separator.index + separator[0].length) : '') + (lineBreak >= 0 ? opening.text.slice(lineBreak) : '');
  const following = segments.slice(first + 1);
  const rest: Segment[] = restText.trim() ? [{ ...opening, text: restText }, ...following] : following;
  return { name, ...spanOf(opening, name), rest, separated: separated || following.some((segment) => segment.kind === 'link') };
}

/**
 * `> 友情链接：https://github.com/someone/cuda-notes`, `Code: https://github.com/…`: a label of a link, then
 * nothing but the address. The line cites the repository or paper there, as a bare address alone would.
 */
function labelledAddress(lead: LeadingName): LinkSegment | undefined {
  if (!lead.separated || !(LINK_FIELD.test(`${lead.name}:`) || LINK_WORD.test(lead.name))) return undefined;
  const parts = lead.rest.filter((segment) => !(segment.kind === 'text' && /^[\s,，.。;；]*$/.test(segment.text)));
  const [only] = parts;
  return parts.length === 1 && only.kind === 'link' && only.bare && only.identity?.kind !== 'homepage' ? only : undefined;
}

/** A Chinese label that ends in the word for a link or an address: `友情链接`, `代码地址`, `GitHub 地址`. */
const LINK_WORD = /(?:链接|地址)$/;

/**
 * The sentence around its one link, as a summary reads it. A link within the sentence is read in place
 * (`Inspired by [awesome-python](…).`, `作者使用软件 [roboscribe](…) 将播客转成文本`); one that ends it with
 * nothing after (`SystemC standards [IEEE Std 1666-2011](…)`) labels the text before it, which is the summary.
 */
function withLinkInPlace(segments: readonly Segment[], link: LinkSegment | undefined): readonly Segment[] {
  if (!link) return segments;
  const after = segments.slice(segments.indexOf(link) + 1);
  const endsSentence = after.every((segment) => segment.kind === 'text' && !segment.text.trim());
  return endsSentence ? segments.filter((segment) => segment !== link) : segments;
}

/** `Reference: `, `官方实现：`: a few words and a colon before a link ending the line. */
const LINK_LABEL = /^[^:：]{1,30}[:：]\s*$/;

/**
 * `> Reference: [awesome-llm-apps](…)`: a label before the link says why the note links it, not what
 * the link is; the thing is described elsewhere or not at all.
 */
function labelsItsLink(segments: readonly Segment[], link: LinkSegment | undefined): boolean {
  if (!link) return false;
  const at = segments.indexOf(link);
  const before = segments.slice(0, at);
  const after = segments.slice(at + 1);
  return (
    before.every((segment) => segment.kind === 'text') &&
    after.every((segment) => segment.kind === 'text' && !segment.text.trim()) &&
    LINK_LABEL.test(
      before
        .map((segment) => (segment.kind === 'text' ? segment.text : ''))
        .join('')
        .trim(),
    )
  );
}

/** `A survey of serving systems [[pdf]](https://arxiv…)`: the text before a paper's link is its title. */
/**
 * `- Take it to the Limit: Peak Prediction-driven Resource Overcommitment [[paper]](https://doi.org/…)`: a
 * title followed only by its links is a paper called by its title, as a linked title is (the text before
 * its colon a short name, the rest its subtitle), not a thing named `Take it to the Limit`.
 */
function titledPaper(segments: Segment[], first: number, paper: Identity, evidence: LinkSegment[]): Lead | undefined {
  const title = titleBefore(segments, first);
  const cleaned = title && cleanLinkName(title.name, paper);
  if (!title || !cleaned) return undefined;
  const named: NamedLink = {
    name: cleaned.name,
    nameStart: title.start,
    nameEnd: title.end,
    identity: paper,
    evidence,
    aliases: cleaned.aliases,
    fields: {},
    nameOnly: false,
  };
  return { names: [named], summary: '', subtitle: cleaned.subtitle ?? cleaned.description, sharedSummary: false, passingLinks: [] };
}

function titleBefore(segments: Segment[], first: number): LeadingName | undefined {
  const opening = segments[first];
  if (opening.kind !== 'text' || segments[first + 1]?.kind !== 'link') return undefined;
  // Prose that goes on after the link (`The method ([PDF](…)) is fast.`) is a sentence, not a title.
  const after = segments
    .slice(first + 1)
    .filter((segment) => segment.kind === 'text')
    .map((segment) => (segment.kind === 'text' ? segment.text : ''))
    .join('');
  if (/\p{L}/u.test(after)) return undefined;
  const title = trimChars(opening.text.split('\n')[0].slice(0, MAX_NAME_SCAN * 2), charsOf('[(（【:：-–—'), { start: false }).trim();
  if (title.length < 4 || title.length > 200 || !/\p{L}{2}/u.test(title)) return undefined;
  // `Objective (see section 6 of [this paper](…))`: a parenthesis the link closes holds a remark about the
  // link, so the text before it is no title.
  // `explained in section 6 of [this paper](…).`: a sentence that runs into its link, not a title before it.
  if (opensAParenthesis(title) || LEADS_INTO_LINK.test(title)) return undefined;
  return { name: title, ...spanOf(opening, title), rest: segments.slice(first + 1), separated: true };
}

const LEADS_INTO_LINK = /\s(?:of|in|on|at|to|from|by|with|see|the|a|an|and|or|for|via|per)$/i;

function opensAParenthesis(text: string): boolean {
  return (text.match(/[(（]/g)?.length ?? 0) > (text.match(/[)）]/g)?.length ?? 0);
}

function spanOf(segment: Segment, name: string): { start: number; end: number } {
  const at = segment.kind === 'text' || segment.kind === 'code' ? segment.text.indexOf(name) : -1;
  if (at < 0 || segment.kind === 'link' || segment.kind === 'image') return { start: segment.start, end: segment.end };
  // Text nodes with escapes are longer in the source than their value; the offset is then approximate.
  const start = segment.kind === 'code' ? segment.start + 1 + at : segment.start + at;
  return { start, end: Math.min(segment.end, start + name.length) };
}

function nameAt(link: LinkSegment, name: string): { name: string; nameStart: number; nameEnd: number } {
  return { name, nameStart: link.textStart, nameEnd: link.textEnd };
}

/**
 * Links in running text whose label names what they link to: passing definitions, without a summary but
 * in an item whose label heads them, where each is described by the clause after it.
 */
function passingLinksIn(segments: readonly Segment[], describedOneByOne = false): PassingLink[] {
  const passing: PassingLink[] = [];
  for (const [index, segment] of segments.entries()) {
    if (segment.kind !== 'link' || segment.generic || !segment.identity || !definesInPassing(segment)) continue;
    if (namesTheMaker(segments[index - 1])) continue;
    const cleaned = cleanLinkName(segment.text, segment.identity);
    if (!cleaned || !isNameLike(cleaned.name, { link: false }) || isCommonPhrase(cleaned.name)) continue;
    passing.push({
      name: cleaned.name,
      nameStart: segment.textStart,
      nameEnd: segment.textEnd,
      start: segment.start,
      identity: segment.identity,
      summary: describedOneByOne ? clauseAfter(segments, segment) : '',
    });
  }
  return passing;
}

/**
 * `… in 500 lines of code by [LeptonAI](…)`, `由[某公司](…)开发`: who made the thing, a company or a person,
 * not a thing of its own. What a thing is `powered by` or `based on` is another thing.
 */
function namesTheMaker(before: Segment | undefined): boolean {
  return before?.kind === 'text' && MAKER_BEFORE.test(before.text) && !USED_BY.test(before.text);
}

const MAKER_BEFORE = /(?:\bby|由|作者[:：]?)\s*$/i;
const USED_BY =
  /\b(?:powered|inspired|backed|accelerated|driven|supported|used|enabled|served|replaced|adopted|followed|implemented|optimi[sz]ed)\s+by\s*$/i;

/**
 * A homepage link named like the project yields to the record's repository or paper (`[Warewulf](site)
 * … ([Source Code](github))`); a link into a repository's folder named exactly like the repository is
 * that repository.
 */
function upgradedIdentity(link: LinkSegment, name: string, fallback: Identity | undefined): Identity | undefined {
  // A path inside a repository named like the repository (`[riscv-sodor](…/riscv-sodor/wiki/…)`) is the repository.
  const own = link.identity?.kind === 'homepage' ? identityOf(link.identity.url, name) : link.identity;
  // A model or dataset page is the thing itself; a `[paper]` beside it is about it.
  if (fallback && (!own || (own.kind === 'homepage' && identityStrength(fallback) > identityStrength(own)))) return fallback;
  return own;
}

/**
 * `**RoBERTa** [[open]](…/fairseq) … [[Preprint]](arxiv…)`: a repository not named like the record is a
 * toolkit that holds the thing among others; the paper the record gives beside it is the thing's own.
 */
function ownEvidence(name: string, leadLinks: readonly LinkSegment[], fallback: Identity | undefined): Identity | undefined {
  if (fallback?.kind !== 'repository' || anchorNamesUrl(name, fallback.url)) return fallback;
  if (!leadLinks.some((link) => link.identity === fallback)) return fallback;
  return leadLinks.find((link) => link.generic && link.identity?.kind === 'paper')?.identity ?? fallback;
}

function strongest(links: readonly LinkSegment[]): Identity | undefined {
  let best: Identity | undefined;
  for (const link of links) if (link.identity && (!best || identityStrength(link.identity) > identityStrength(best))) best = link.identity;
  return best;
}

/** What the rest of a record says: no bare URLs, generic link labels or leading separators. */
function summaryText(segments: readonly Segment[]): string {
  const text = withoutLinkAsides(segments)
    .map((segment) => (segment.kind === 'link' ? (segment.generic ? ' ' : segment.text) : segment.kind === 'image' ? ' ' : segment.text))
    .join('')
    .replace(/[([【]\s*[)\]】]/g, ' ')
    .replace(/\s+/g, ' ');
  const described = withoutDateline(text);
  // A leading `)` closes a link's address written apart from it (`[CUDPP] (https://…) A library …`).
  return trimChars(trimChars(described, charsOf(':：-–—,，.。;；|/)）'), { end: false }), charsOf(':：-–—,，;；|/([]'), { start: false });
}

const ASIDE_OPEN = /[[【]\s*$/;
const ASIDE_CLOSE = /^\s*[\]】]/;
const ASIDE_JOINER = /^[\s,，、|/;；]*$/;
/** `[Code]` as a link's whole text: a label in brackets, as `[[Code]](…) | [[Blog]](…)` write them. */
const BRACKETED_LABEL = /^\[[^[\]]*\]$/;

/**
 * A record's text without the links it gives in brackets beside the description: `by Microsoft
 * [[TorchScale code](…)] - This improves …`, `[[paper](…), [blog post](…)] - BLOOM is …`, `[[Code]](…)`.
 * They point elsewhere; read as text they would open the summary with `[TorchScale code]`.
 */
function withoutLinkAsides(segments: readonly Segment[]): Segment[] {
  const out: Segment[] = [];
  for (let index = 0; index < segments.length; index++) {
    const segment = segments[index];
    if (segment.kind === 'link' && BRACKETED_LABEL.test(segment.text)) continue;
    const close = segment.kind === 'text' && ASIDE_OPEN.test(segment.text) ? asideEnd(segments, index + 1) : undefined;
    if (close === undefined || segment.kind !== 'text') {
      out.push(segment);
      continue;
    }
    const closing = segments[close] as Extract<Segment, { kind: 'text' }>;
    out.push({ ...segment, text: segment.text.replace(ASIDE_OPEN, ' ') });
    out.push({ ...closing, text: closing.text.replace(ASIDE_CLOSE, ' ') });
    index = close;
  }
  return out;
}

/** The index of the text that closes a bracket holding only links and joiners, starting at `from`. */
function asideEnd(segments: readonly Segment[], from: number): number | undefined {
  let links = 0;
  for (let index = from; index < segments.length; index++) {
    const segment = segments[index];
    if (segment.kind === 'link') links++;
    else if (segment.kind === 'text' && ASIDE_CLOSE.test(segment.text)) return links > 0 ? index : undefined;
    else if (!(segment.kind === 'text' && ASIDE_JOINER.test(segment.text))) return undefined;
  }
  return undefined;
}

/** `by Jacob Devlin, Ming-Wei Chang … - description` names the authors, then describes. */
function withoutAuthors(text: string): { summary: string; authors?: string } {
  // `(2022)` after a title dates it; it describes nothing.
  if (/^[(（]?(?:19|20)\d{2}[)）]?\.?$/.test(text)) return { summary: '' };
  return splitByline(text);
}

function joinSummary(parts: string[]): string {
  return parts
    .map((part) => part.trim())
    .filter(Boolean)
    .join(' — ');
}

function dropNumbering(segments: Segment[]): Segment[] {
  const firstText = segments.findIndex((segment) => segment.kind !== 'text' || segment.text.trim() !== '');
  const first = segments[firstText];
  if (!first || first.kind !== 'text') return segments;
  const match = NUMBERING.exec(first.text);
  if (!match) return segments;
  const rest = first.text.slice(match[0].length);
  const copy = [...segments];
  copy[firstText] = { ...first, text: rest, start: first.start + match[0].length };
  return copy;
}

function sameName(a: string, b: string): boolean {
  return squashName(a) !== '' && squashName(a) === squashName(b);
}
