import type { Paragraph, RootContent } from 'mdast';
import type { EntityCandidate } from '../parse/facts';
import { startOffset } from '../parse/markdown';
import { makeCandidate, squashName } from './candidate';
import type { ExtractionContext } from './extractEntities';
import { isFieldName, LINK_FIELD } from './fieldLabels';
import { identityOf, identityStrength, type Identity } from './identity';
import { holdsNoDescription } from './linkLines';
import { linkNodesIn, rangeOfText, textOf } from './mdastHelpers';
import { stripDecoration } from './names';
import { isNameLike } from './recordNames';
import { withoutQuoteMarks } from './trim';

// Shape: a heading over several tools, each under a bold label of its own, e.g.
//   ### EBMC / CBMC
//   **EBMC:**
//   "*EBMC is a Model Checker for hardware designs …*"
//   - Link: http://www.cprover.org/ebmc/
//   **CBMC:**
//   "*CBMC is a Bounded Model Checker for C and C++ programs.*"
//   - Link: http://www.cprover.org/cbmc/
//     - Source: https://github.com/diffblue/cbmc
// Each label opens a card that runs to the next label: named by the label, identified by its strongest
// link, described by its first paragraph of prose. The heading itself is then no card (see `isSubCardGroup`).

/** Two labels make a group; one bold line over a card is only its first paragraph (linkLines.ts). */
const MIN_LABELS = 2;

export function boldSubCardCandidates(context: ExtractionContext): EntityCandidate[] {
  const children = context.note.tree.children;
  const candidates: EntityCandidate[] = [];
  children.forEach((node, index) => {
    if (node.type !== 'heading') return;
    const body = sectionBody(children, index);
    const labels = labelIndices(body);
    if (labels.length < MIN_LABELS) return;
    labels.forEach((at, position) => {
      const candidate = subCard(context, body[at] as Paragraph, body.slice(at + 1, labels[position + 1] ?? body.length));
      if (candidate) candidates.push(candidate);
    });
  });
  return candidates;
}

/** Whether a section's blocks are cards under bold labels, so that the heading over them names none. */
export function isSubCardGroup(body: readonly RootContent[]): boolean {
  return labelIndices(body).length >= MIN_LABELS;
}

function sectionBody(children: readonly RootContent[], index: number): RootContent[] {
  let end = index + 1;
  while (end < children.length && children[end].type !== 'heading') end++;
  return children.slice(index + 1, end);
}

function labelIndices(body: readonly RootContent[]): number[] {
  const indices: number[] = [];
  body.forEach((block, index) => {
    if (block.type === 'paragraph' && labelOf(block) !== undefined) indices.push(index);
  });
  return indices;
}

/** `**EBMC:**` alone on its line: the name of the card below it. */
function labelOf(paragraph: Paragraph): string | undefined {
  const parts = paragraph.children.filter((child) => !(child.type === 'text' && /^\s*[:：]?\s*$/.test(child.value)));
  if (parts.length !== 1 || parts[0].type !== 'strong' || !/[:：]\s*$/.test(textOf(paragraph))) return undefined;
  const name = stripDecoration(textOf(parts[0]));
  return name && !isFieldName(name) && isNameLike(name, { link: false }) ? name : undefined;
}

function subCard(context: ExtractionContext, label: Paragraph, blocks: RootContent[]): EntityCandidate | undefined {
  const name = labelOf(label)!;
  const links = blocks.flatMap((block) => linkNodesIn(block));
  const identity = ownIdentity(
    links.map((link) => identityOf(link.url, textOf(link))),
    name,
  );
  if (!identity) return undefined;
  for (const link of links) context.claimedLinks.add(startOffset(link));
  const prose = blocks.find(
    (block): block is Paragraph => block.type === 'paragraph' && !holdsNoDescription(block) && !LINK_FIELD.test(textOf(block)),
  );
  return makeCandidate({
    name,
    shape: 'linked-heading',
    range: rangeOfText(context.note, label, name),
    urls: [identity.url],
    identity,
    summary: prose ? withoutQuoteMarks(textOf(prose)) : '',
  });
}

/** The repository named like the card, else the strongest of its links, the first among equals. */
function ownIdentity(identities: ReadonlyArray<Identity | undefined>, name: string): Identity | undefined {
  const known = identities.filter((identity): identity is Identity => identity !== undefined);
  const named = known.find((identity) => identity.repositoryName && squashName(identity.repositoryName) === squashName(name));
  if (named) return named;
  let best: Identity | undefined;
  for (const identity of known) if (!best || identityStrength(identity) > identityStrength(best)) best = identity;
  return best;
}
