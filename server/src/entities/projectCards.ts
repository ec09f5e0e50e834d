import type { List, ListItem, RootContent } from 'mdast';
import type { EntityCandidate } from '../parse/facts';
import { isSubCardGroup } from './boldSubCards';
import { makeCandidate, squashName } from './candidate';
import type { ExtractionContext } from './extractEntities';
import { describesCard, holdsNoDescription } from './linkLines';
import { leadingLink, linksIn, linkUrlsIn, rangeOfText, textOf } from './mdastHelpers';
import { githubRefOf, identityOf } from './identity';
import { aliasesFromName, isGenericLabel, stripDecoration, withoutParentheses } from './names';
import { sectionsOf, type Section } from './sections';
import { withoutTrailingSlashes } from './trim';

// Shape 2: a project card, e.g.
// ## MXNet
// #### 简介
// Apache MXNet（孵化中）是一个灵活高效的深度学习库…
// (or no sub-headings at all, just a GitHub link below the heading)

const SUMMARY_LABEL = /^(简介|介绍|概述|概要|项目简介|summary|overview|introduction|about|description)$/i;

export function projectCardCandidates(context: ExtractionContext): EntityCandidate[] {
  const candidates: EntityCandidate[] = [];
  for (const section of sectionsOf(context.note)) {
    if (leadingLink(section.heading)) continue;
    const name = stripDecoration(textOf(section.heading));
    if (!name || isGenericLabel(name) || name.length > 80) continue;
    const firstSubheading = section.body.find((block) => block.type === 'heading');
    const summaryHeading = firstSubheading && SUMMARY_LABEL.test(stripDecoration(textOf(firstSubheading))) ? firstSubheading : undefined;
    // Sub-headings other than a summary make the heading a chapter title: its links need not be read.
    if (!summaryHeading && firstSubheading) continue;
    // `### EBMC / CBMC` over `**EBMC:**` and `**CBMC:**`: each label is a card (boldSubCards.ts), the heading none.
    if (isSubCardGroup(section.body)) continue;
    const links = orderByRelevance(cardLinks(section, name), name);
    const urls = links.map((link) => link.url);
    // Without a summary sub-heading, only a link to the project's own repository makes the heading a card.
    const ownRepository = links.length > 0 && ownness(links[0], name) > 0;
    if (!summaryHeading && !ownRepository) continue;
    // `## Benchmarks` over `* [epfl-benchmarks](…/lsils/benchmarks)` among other items: the name is chance.
    if (!summaryHeading && leadsACatalogueItem(section.body, links[0])) continue;
    // `## LLM Data` over `> Reference: [LLMDataHub](…)` and a list of linked tools: a category, which says
    // nothing of its own, whose source list's repository merely holds the heading's words.
    if (!summaryHeading && ownness(links[0], name) < 2 && !saysAnything(section.body) && holdsACatalogue(section.body)) continue;
    // The card is anchored by its own repository or its official site; another project's repository
    // linked from it (a tutorial, a dependency) is not its identity, so without either it stands by name.
    const anchor = links.find((link) => ownness(link, name) > 0 || !githubRefOf(link.url));
    candidates.push(
      makeCandidate({
        name,
        shape: 'project-card',
        range: rangeOfText(context.note, section.heading, name),
        urls,
        identity: anchor ? (identityOf(repositoryRoot(anchor, name), name) ?? null) : null,
        summary: summaryHeading ? paragraphsAfter(section.body, summaryHeading) : firstProse(section),
      }),
    );
  }
  return candidates;
}

interface CardLink {
  url: string;
  text: string;
}

/**
 * Repository links, plus web pages whose text names the project or says it is the official site;
 * a card's other links are usually articles about it, not its homepage.
 */
function cardLinks(section: Section, name: string): CardLink[] {
  const names = [name, ...aliasesFromName(name)].map((alias) => alias.toLowerCase());
  return section.body
    .flatMap((block) => linksIn(block))
    .filter(({ url, text }) => githubRefOf(url) || OFFICIAL.test(text) || names.some((alias) => text.toLowerCase().includes(alias)));
}

const OFFICIAL = /(官网|官方网站|主页|homepage|official|website)/i;

/** The project's own repository first: the one most plainly the heading's (see `ownness`). */
function orderByRelevance(links: CardLink[], name: string): CardLink[] {
  return links
    .map((link, index) => ({ link, index, rank: ownness(link, name) }))
    .sort((a, b) => b.rank - a.rank || a.index - b.index)
    .map(({ link }) => link);
}

/**
 * How plainly a repository link is the card's own: its text is the heading (`[ROHD Verification Framework
 * (ROHD-VF)](…/rohd-vf)` under `### ROHD Verification Framework`), then its name is the heading's
 * (`UVVM/UVVM` under `### UVVM`), then it holds the heading's name (`UVVM/UVVM_Community_VIPs`) or the
 * heading holds its name (`intel/rohd`). 0: another project's.
 */
function ownness(link: CardLink, name: string): number {
  const repo = githubRefOf(link.url)?.repo;
  if (repo === undefined) return 0;
  const key = squashName(withoutParentheses(name));
  if (key.length > 0 && squashName(withoutParentheses(link.text)) === key) return 3;
  if (key.length > 0 && squashName(repo) === key) return 2;
  return ownRepositoryOf(link.url, name) ? 1 : 0;
}

/**
 * The card's own repository, wherever in it the link points (`…/blob/master/LICENSE`), except a folder
 * named like the card: `### DeepSpeed-FastGen` over `…/DeepSpeed/tree/master/blogs/deepspeed-fastgen` is a
 * part of DeepSpeed with a page of its own, not DeepSpeed.
 */
function repositoryRoot(link: CardLink, name: string): string {
  const github = githubRefOf(link.url);
  if (!github?.repo || ownness(link, name) === 0 || namesAFolderOf(link.url, name, github.repo)) return link.url;
  return `https://github.com/${github.owner}/${github.repo}`;
}

function namesAFolderOf(url: string, name: string, repo: string): boolean {
  const path = withoutTrailingSlashes(url.replace(/[?#].*$/, ''));
  const folder = squashName(path.slice(path.lastIndexOf('/') + 1).replace(/\.[a-z]+$/i, ''));
  const key = squashName(withoutParentheses(name));
  return folder.length >= 4 && folder !== squashName(repo) && key !== squashName(repo) && (key.includes(folder) || folder.includes(key));
}

/** `apache/incubator-mxnet` is MXNet's, `google/jax` is `谷歌jax`'s; `YosysHQ/yosys` is not SymbiYosys's. */
function ownRepositoryOf(url: string, name: string): boolean {
  const repo = githubRefOf(url)?.repo;
  if (repo === undefined) return false;
  const bare = withoutParentheses(name);
  const latin = /[A-Za-z]/.test(bare) ? bare.replace(/[^\x00-\x7f]/g, '') : bare;
  const key = squashName(latin);
  // A short name inside a longer repository name is chance: `MPI` in `ompi`, `Go` in `gopass`.
  if (key.length > 0 && (squashName(repo) === key || (key.length >= 4 && squashName(repo).includes(key)))) return true;
  // `英伟达NVIDIA-Megatron-LM` holds `Megatron-LM` as whole words: a company before the project's name.
  const words = (text: string) =>
    ` ${text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, ' ')
      .trim()} `;
  return words(repo).trim().length > 0 && words(latin).includes(words(repo));
}

/**
 * Whether the link leads an item of a list whose items lead with links to several repositories: such a list
 * is a catalogue under a category heading, each item a card of its own, even when one item's repository is
 * named like the heading. A card's own list of pages about it (an article, the site, the repository) holds
 * one repository at most.
 */
function leadsACatalogueItem(body: RootContent[], link: CardLink): boolean {
  return cataloguesIn(body).some((list) => itemLeadUrls(list).includes(link.url)) || inCatalogueTable(body, link);
}

/**
 * `#### Quantization` over a table whose rows link `…/llm-quantization-attack` and other repositories: a
 * table of things, one a row, is a catalogue as a list of them is; a repository named like the heading
 * in one of its rows is that row's, not the heading's.
 */
function inCatalogueTable(body: RootContent[], link: CardLink): boolean {
  return body.some((block) => {
    if (block.type !== 'table') return false;
    const urls = linkUrlsIn(block);
    return urls.includes(link.url) && new Set(urls.map(repositoryKey).filter((key) => key)).size >= 2;
  });
}

function saysAnything(body: RootContent[]): boolean {
  return body.some((block) => block.type === 'paragraph' && !holdsNoDescription(block));
}

function holdsACatalogue(body: RootContent[]): boolean {
  return cataloguesIn(body).length > 0;
}

function cataloguesIn(body: RootContent[]): List[] {
  return body.filter(
    (block): block is List =>
      block.type === 'list' &&
      new Set(
        itemLeadUrls(block)
          .map(repositoryKey)
          .filter((key) => key),
      ).size >= 2,
  );
}

/** The urls of the links that lead a list's items. */
function itemLeadUrls(list: List): string[] {
  return list.children.flatMap((item) => {
    const lead = item.children[0];
    const link = lead?.type === 'paragraph' ? leadingLink(lead) : undefined;
    return link ? [link.url] : [];
  });
}

function repositoryKey(url: string): string {
  const github = githubRefOf(url);
  return github?.repo ? `${github.owner}/${github.repo}`.toLowerCase() : '';
}

function paragraphsAfter(body: RootContent[], heading: RootContent): string {
  const parts: string[] = [];
  for (const block of body.slice(body.indexOf(heading) + 1)) {
    if (block.type === 'heading') break;
    if (block.type === 'paragraph' || block.type === 'list') parts.push(textOf(block));
  }
  return parts.join(' ');
}

/** The first paragraph, or when that is only the card's link line, the description after it. */
function firstProse(section: Section): string {
  const paragraphs = section.body.filter((block) => block.type === 'paragraph');
  const described = paragraphs.find((block) => !holdsNoDescription(block));
  const paragraph = described && (described === paragraphs[0] || describesCard(textOf(described))) ? described : paragraphs[0];
  if (paragraph) return textOf(paragraph);
  const list = section.body.find((block) => block.type === 'list');
  return list && list.type === 'list' && list.children[0] ? leadProse(list.children[0]) : '';
}

/**
 * An item's own paragraph when it describes something. The item's whole text would glue its link's name to
 * its sub-bullet's words (`big-doe-openroadFramework for …`): text of two blocks runs together.
 */
function leadProse(item: ListItem): string {
  const lead = item.children[0];
  return lead?.type === 'paragraph' && !holdsNoDescription(lead) ? textOf(lead) : '';
}
