import type { Link, Paragraph } from 'mdast';
import type { EntityCandidate } from '../parse/facts';
import { startOffset } from '../parse/markdown';
import { makeCandidate } from './candidate';
import type { ExtractionContext } from './extractEntities';
import { isAuthorCitation } from './byline';
import { arxivIdOf } from './identity';
import { linkTextRange, textOf } from './mdastHelpers';
import { isBracketedTag, isGenericLabel, isGenericLinkText } from './names';

// Shape 5: any arXiv link not already claimed by a table row or heading, e.g. a line such as
// [Mooncake: Kimi's KVCache-centric Architecture for LLM Serving](https://arxiv.org/abs/2407.00079)

export function paperLinkCandidates(context: ExtractionContext): EntityCandidate[] {
  const candidates: EntityCandidate[] = [];
  for (const { node: link, parent } of context.note.nodes.links) {
    const arxiv = arxivIdOf(link.url);
    if (!arxiv || context.claimedLinks.has(startOffset(link))) continue;
    context.claimedLinks.add(startOffset(link));
    const text = textOf(link);
    const titled =
      text &&
      !isGenericLabel(text) &&
      !isGenericLinkText(text) &&
      !isBracketedTag(text) &&
      !isAuthorCitation(text) &&
      text !== link.url &&
      !/^(https?:|arxiv[: ])/i.test(text);
    candidates.push(
      makeCandidate({
        name: titled ? text : `arXiv:${arxiv}`,
        kind: 'paper',
        shape: 'paper-link',
        range: linkTextRange(context.note, link),
        urls: [link.url],
        summary: parent?.type === 'paragraph' ? proseAfterLink(context, parent, link) : '',
        // An untitled link cites the paper rather than describing it.
        fallback: !titled,
      }),
    );
  }
  return candidates;
}

/** The paragraph's plain lines after the link's own line; lines that are just other links say nothing about this paper. */
function proseAfterLink(context: ExtractionContext, paragraph: Paragraph, link: Link): string {
  const linkLine = link.position?.end.line ?? 0;
  const lastLine = paragraph.position?.end.line ?? 0;
  const lines: string[] = [];
  for (let line = linkLine; line < lastLine; line++) {
    const text = context.note.lines.lineText(line).trim();
    if (!text || /^\[[^\]]*\]\([^)]*\)\s*$/.test(text)) continue;
    lines.push(text);
  }
  return lines.join(' ');
}
