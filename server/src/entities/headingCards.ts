import type { Heading, RootContent } from 'mdast';
import type { EntityCandidate } from '../parse/facts';
import { isSubCardGroup } from './boldSubCards';
import { makeCandidate } from './candidate';
import type { ExtractionContext } from './extractEntities';
import { LINK_FIELD } from './fieldLabels';
import { identityOf, identityStrength, type Identity } from './identity';
import { describesCard, holdsNoDescription } from './linkLines';
import { leadingLink, linkUrlsIn, rangeOfText, textOf } from './mdastHelpers';
import { isGenericLabel, stripDecoration } from './names';
import { isNameLike } from './recordNames';
import { segmentsOf, type LinkSegment } from './segments';
import { withoutQuoteMarks } from './trim';

// Shape: a heading that names a tool, with its link among the fields below it, e.g.
//   ### SymbiYosys                                      ### vLLM
//   *"SymbiYosys is a front-end driver program …"*      [vLLM](https://github.com/vllm-project/vllm)
//   - Link: https://symbiyosys.readthedocs.io/
//   - Licence: ISC
// The identity is the strongest link of the section's fields and link-only lines, and the summary its
// first paragraph of prose. A section holding several linked items is a category, not a card.

export function headingCardCandidates(context: ExtractionContext): EntityCandidate[] {
  const candidates: EntityCandidate[] = [];
  const children = context.note.tree.children;
  children.forEach((node, index) => {
    if (node.type !== 'heading' || leadingLink(node)) return;
    const candidate = cardOf(context, node, bodyOf(children, index));
    if (candidate) candidates.push(candidate);
  });
  return candidates;
}

/** `### 3. vLLM`: the heading's place in the note, not part of the name. */
const HEADING_NUMBER = /^\s*\d{1,3}[.、]\s+/;

/** A card's fields and description stand in its first blocks; a long section is a chapter. */
const CARD_BLOCKS = 12;

/** The first blocks up to the next heading of any level: a card's fields come before its first sub-heading. */
function bodyOf(children: readonly RootContent[], index: number): RootContent[] {
  const body: RootContent[] = [];
  for (let next = index + 1; next < children.length && children[next].type !== 'heading' && body.length < CARD_BLOCKS; next++)
    body.push(children[next]);
  return body;
}

function cardOf(context: ExtractionContext, heading: Heading, body: RootContent[]): EntityCandidate | undefined {
  const title = stripDecoration(textOf(heading).replace(HEADING_NUMBER, ''));
  if (!title || isSubCardGroup(body) || isGenericLabel(title) || !isNameLike(title.split(/\s+-\s+/).pop() ?? title, { link: false }))
    return undefined;
  // Without an identity link under it a heading is no card of this shape: most headings, decided at once.
  if (!body.some((block) => linkUrlsIn(block).some((url) => identityOf(url) !== undefined))) return undefined;
  const evidence: LinkSegment[] = [];
  const labelled: LinkSegment[] = [];
  let itemsWithOwnLinks = 0;
  let summary = '';
  for (const block of body) {
    if (itemsWithOwnLinks >= 2) return undefined;
    if (block.type === 'list') {
      for (const item of block.children) {
        const lead = item.children[0];
        if (lead?.type !== 'paragraph' || linkUrlsIn(lead).length === 0) continue;
        const links = linksOf(lead.children);
        if (LINK_FIELD.test(textOf(lead))) evidence.push(...links);
        else if (labelsAnAddress(links, textOf(lead))) labelled.push(...links);
        else if (links.some((link) => !link.generic && link.identity) && ++itemsWithOwnLinks >= 2) return undefined;
      }
    } else if (block.type === 'paragraph' || block.type === 'blockquote') {
      const links = linksOf(
        block.type === 'paragraph' ? block.children : block.children.flatMap((child) => (child.type === 'paragraph' ? child.children : [])),
      );
      const text = textOf(block);
      const linkOnly =
        links.length > 0 &&
        text.replace(/[\s[\]()|,]/g, '') ===
          links
            .map((link) => link.text)
            .join('')
            .replace(/[\s[\]()|,]/g, '');
      if (linkOnly || LINK_FIELD.test(text)) evidence.push(...links);
      else if (ledByOwnLink(block)) itemsWithOwnLinks++;
      else if (!summary && describesCard(text) && !(block.type === 'paragraph' && holdsNoDescription(block))) summary = text;
    }
  }
  if (itemsWithOwnLinks >= 2) return undefined;
  if (!evidence.some((link) => link.identity) && oneThingLinked(labelled)) evidence.push(...labelled);
  const name = cardName(title, evidence);
  const identity = strongest(evidence, name);
  if (!identity) return undefined;
  for (const link of evidence) context.claimedLinks.add(link.start);
  return makeCandidate({
    name,
    shape: 'linked-heading',
    range: rangeOfText(context.note, heading, name),
    urls: [identity.url],
    identity,
    summary: withoutQuoteMarks(summary),
  });
}

/**
 * `AXI Bus Functional Model - tvip-axi` is called by the part its repository is named after. `Colossal-AI's
 * SP` over `Paper: [Sequence parallelism: …](arxiv)` says whose work the paper is: the paper is called by its title.
 */
const POSSESSIVE = /^[^\s'’]+['’]s\s/;

function cardName(title: string, evidence: LinkSegment[]): string {
  if (POSSESSIVE.test(title)) {
    const paper = evidence.find((link) => link.identity?.kind === 'paper' && !link.generic);
    if (paper) return stripDecoration(paper.text);
  }
  const parts = title.split(/\s+[-–—]\s+/);
  if (parts.length < 2) return title;
  const repositories = evidence.map((link) => link.identity?.repositoryName?.toLowerCase()).filter(Boolean);
  return parts.find((part) => repositories.includes(part.toLowerCase())) ?? title;
}

/**
 * `- 课程的 Slides 和 脚本：https://github.com/…` under `### cuda-mode`: an item that says in its own words
 * which of the card's addresses it gives. Such items are the card's links when no field is labelled so.
 */
function labelsAnAddress(links: LinkSegment[], text: string): boolean {
  if (links.length !== 1 || !links[0].bare) return false;
  const label = text.replace(links[0].text, '').trim();
  return label.length <= 24 && /^[^:：]+[:：]$/.test(label);
}

/** Labelled addresses that open one repository or paper at most: several are a list of things, not one card's. */
function oneThingLinked(links: readonly LinkSegment[]): boolean {
  const strong = new Set(links.filter((link) => link.identity && identityStrength(link.identity) >= 3).map((link) => link.identity!.key));
  return strong.size === 1;
}

/** `1、[keyd](…)：…` under `### C 项目`: a paragraph that opens with a link of its own is a record, not the card's text. */
function ledByOwnLink(block: RootContent): boolean {
  if (block.type !== 'paragraph') return false;
  const segments = segmentsOf(block.children).filter(
    (segment) => !(segment.kind === 'text' && /^\s*(?:\d{1,3}\s*[、.)）]\s*)?$/.test(segment.text)),
  );
  const first = segments[0];
  return first?.kind === 'link' && !first.generic && first.identity !== undefined && segments.length > 1;
}

function linksOf(children: Parameters<typeof segmentsOf>[0]): LinkSegment[] {
  return segmentsOf(children).filter((segment): segment is LinkSegment => segment.kind === 'link');
}

/** The strongest identity among the card's links; a link named like the card wins a tie. */
function strongest(links: LinkSegment[], name: string): Identity | undefined {
  let best: LinkSegment | undefined;
  const named = (link: LinkSegment) => link.text.toLowerCase() === name.toLowerCase();
  for (const link of links) {
    if (!link.identity) continue;
    if (
      !best ||
      identityStrength(link.identity) > identityStrength(best.identity!) ||
      (named(link) && !named(best) && identityStrength(link.identity) === identityStrength(best.identity!))
    )
      best = link;
  }
  return best?.identity;
}
