import type { EntityCandidate } from '../parse/facts';
import { startOffset } from '../parse/markdown';
import { makeCandidate } from './candidate';
import type { ExtractionContext } from './extractEntities';
import { leadingLink, linkTextRange, textOf } from './mdastHelpers';
import { isGenericLabel, isGenericLinkText } from './names';
import { sectionsOf } from './sections';

// Shape 3: a heading that is a link, described by the bullets under it, e.g.
// ### [Colossal-AI: 让AI大模型更低成本、方便易用、高效扩展](https://github.com/hpcaitech/ColossalAI/…)
// * Colossal-AI 跑GPT类大模型的优化方法

export function linkedHeadingCandidates(context: ExtractionContext): EntityCandidate[] {
  const candidates: EntityCandidate[] = [];
  for (const section of sectionsOf(context.note)) {
    const link = leadingLink(section.heading);
    if (!link || context.claimedLinks.has(startOffset(link))) continue;
    const name = cleanLinkedName(textOf(link));
    // `### [Wiki](…)`, `## [Paper](…)`: a heading that only says what kind of page it links names nothing.
    if (!name || isGenericLabel(name) || isGenericLinkText(name)) continue;
    context.claimedLinks.add(startOffset(link));
    const urls = [link.url];
    const kind = /arxiv\.org/i.test(link.url) ? 'paper' : /github\.com/i.test(link.url) ? 'project' : 'article';
    candidates.push(
      makeCandidate({
        name,
        kind,
        shape: 'linked-heading',
        range: linkTextRange(context.note, link),
        urls,
        summary: bulletSummary(section.body),
      }),
    );
  }
  return candidates;
}

/** `tensor_parallel@github` → `tensor_parallel`: the suffix says where the link goes, not what it is. */
function cleanLinkedName(text: string): string {
  return text.replace(/@(github|gitee|wechat|zhihu|arxiv|csdn|bilibili)$/i, '').trim();
}

function bulletSummary(body: import('mdast').RootContent[]): string {
  const parts: string[] = [];
  for (const block of body) {
    if (block.type === 'heading') break;
    if (block.type === 'list') for (const item of block.children) parts.push(textOf(item.children[0] ?? item));
    else if (block.type === 'paragraph') parts.push(textOf(block));
    if (parts.length >= 6) break;
  }
  return parts.filter(Boolean).join('; ');
}
