import type { Heading, Link } from 'mdast';
import type { EntityCandidate } from '../parse/facts';
import { startOffset } from '../parse/markdown';
import { makeCandidate, squashName } from './candidate';
import { identityOf, isHttpUrl, unwrapRedirect } from './identity';
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
    const link = headingLink(section.heading);
    if (!link || context.claimedLinks.has(startOffset(link))) continue;
    // `## [向量加算子实战](ex1/blog.md)`: a chapter of the notes opening another note, not a thing out there.
    if (!isHttpUrl(unwrapRedirect(link.url))) continue;
    const name = cleanLinkedName(textOf(link));
    // `### [Wiki](…)`, `## [Paper](…)`: a heading that only says what kind of page it links names nothing.
    if (!name || isGenericLabel(name) || isGenericLinkText(name) || headsAFolder(name, link.url)) continue;
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

/**
 * The link a heading opens with, after a list number: notes that count their projects write
 * `### 3、[Name](…)` or `## 2. [Name](…)`, and the number is no part of the name.
 */
function headingLink(heading: Heading): Link | undefined {
  const [first, second] = heading.children;
  if (first?.type === 'text' && LIST_NUMBER.test(first.value) && second)
    return leadingLink({ ...heading, children: heading.children.slice(1) });
  return leadingLink(heading);
}

/** `3、`, `2.`, `(4)`, `一、`, `①`: a count before a heading's link; short, so no quantifier runs long. */
const LIST_NUMBER = /^\s{0,3}(?:[(（]?[0-9]{1,3}[.、)）:：]?|[一二三四五六七八九十]{1,3}[、.]|[①-⑳])\s{0,3}$/u;

/**
 * `## [LLM推理](https://github.com/me/notes/tree/main/inference)`: a chapter whose material is kept in a
 * folder of a repository, not a project of its own, unless it is named like the folder
 * (`### [kv-router](…/tree/main/kv-router)`). A link to the repository itself keeps its heading a card.
 */
function headsAFolder(name: string, url: string): boolean {
  if (identityOf(url, name)?.kind !== 'homepage') return false;
  // `/owner/repo/tree/main/docs/inference`, or the README of that folder; a file is another matter.
  const path = REPOSITORY_PATH.exec(url)?.[1].split('/').filter(Boolean) ?? [];
  if (path.length > 0 && /^readme/i.test(path[path.length - 1])) path.pop();
  const folder = path[path.length - 1];
  return folder !== undefined && !/\.\w+$/.test(folder) && squashName(folder) !== squashName(name);
}

/** The path inside a GitHub repository's branch: `docs/inference` of `…/owner/repo/tree/main/docs/inference`. */
const REPOSITORY_PATH = /^https?:\/\/(?:www\.)?github\.com\/[^/]+\/[^/]+\/(?:tree|blob)\/[^/?#]+\/([^?#]+)/i;

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
