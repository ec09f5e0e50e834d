// While a name is being typed in plain text: the projects and papers whose name or alias starts with it,
// each with its one-line summary. Accepting inserts the name; with `marginalia.completion.entityLinks`
// set to `link` (or a second item, with `both`) a Markdown link to its repository or paper.

import type { Entity } from '../../index/entityTable';
import type { NotesView } from '../../index/notesView';
import { escapeMarkdown, markdownLink, truncate } from '../markdownText';
import { typedRange, type CompletionAnswer, type CompletionEntry } from './entry';
import { entityNames, namesStartingWith, type EntityName } from './entityNames';
import { capped, MAX_ITEMS } from './filter';

export type EntityLinkSetting = 'name' | 'link' | 'both';

export interface TextRequest {
  line: number;
  /** The line up to the cursor. */
  linePrefix: string;
  entityLinks: EntityLinkSetting;
}

const SUMMARY_LENGTH = 200;
/** Letters, digits, marks and the joiners names use (`Megatron-LM`, `C++`, `Node.js`, `flash_attn`). */
const NAME_CHAR = /[\p{L}\p{N}\p{M}_.+\-]/u;
const HAN = /\p{Script=Han}/u;
/** How far back a name being typed is looked for. */
const LONGEST_TYPED = 40;
/** Fewer typed characters than this find nothing: one letter would offer half the table. */
const SHORTEST_TYPED = 2;
/** Names of several words (`Apache MXNet`) are matched from up to this many words back. */
const WORDS_BACK = 3;

export function entityCompletions(index: NotesView, request: TextRequest): CompletionAnswer {
  const names = entityNames(index);
  if (names.length === 0) return { items: [], isIncomplete: false };
  const cursor = request.linePrefix.length;
  const found: Array<{ name: EntityName; start: number; exactCase: boolean }> = [];
  const seen = new Set<string>();
  for (const start of typedNameStarts(request.linePrefix)) {
    const typed = request.linePrefix.slice(start);
    const matches = namesStartingWith(names, typed).map((name) => ({ name, start, exactCase: name.name.startsWith(typed) }));
    matches.sort((a, b) => Number(b.exactCase) - Number(a.exactCase) || a.name.key.length - b.name.key.length);
    for (const match of matches) {
      const key = `${match.name.entity.id}\u0000${match.name.key}`;
      if (seen.has(key)) continue;
      seen.add(key);
      found.push(match);
    }
  }
  // A link inside a link's text would be no link: there the name alone is offered.
  const setting = insideLinkText(request.linePrefix) ? 'name' : request.entityLinks;
  const result = capped(found, setting === 'both' ? MAX_ITEMS / 2 : MAX_ITEMS);
  const items = result.items.flatMap(({ name, start }, rank) => itemsFor(name, typedRange(request.line, start, cursor), rank, setting));
  return { items, isIncomplete: result.isIncomplete };
}

/**
 * Columns where a name being typed may start, the longest first: the start of the word before the cursor
 * and of the one or two words before it (`Apache MX`), where the script changes (`利用Gemm`) and, as
 * Chinese has no spaces, at every Han character of the word.
 */
export function typedNameStarts(linePrefix: string): number[] {
  const end = linePrefix.length;
  let wordStart = end;
  while (wordStart > 0 && end - wordStart < LONGEST_TYPED && NAME_CHAR.test(linePrefix[wordStart - 1])) wordStart--;
  if (wordStart === end) return [];
  const starts: number[] = [];
  let earlier = wordStart;
  for (let words = 1; words < WORDS_BACK && linePrefix[earlier - 1] === ' '; words++) {
    let previous = earlier - 1;
    while (previous > 0 && NAME_CHAR.test(linePrefix[previous - 1]) && !HAN.test(linePrefix[previous - 1])) previous--;
    if (previous === earlier - 1 || end - previous > LONGEST_TYPED) break;
    starts.unshift(previous);
    earlier = previous;
  }
  for (let column = wordStart; column < end; column++) {
    const han = HAN.test(linePrefix[column]);
    if (column === wordStart || han || han !== HAN.test(linePrefix[column - 1])) starts.push(column);
  }
  return starts.filter((start) => end - start >= SHORTEST_TYPED);
}

function insideLinkText(linePrefix: string): boolean {
  return linePrefix.lastIndexOf('[') > linePrefix.lastIndexOf(']');
}

function itemsFor(name: EntityName, range: CompletionEntry['range'], rank: number, setting: EntityLinkSetting): CompletionEntry[] {
  const { entity } = name;
  const sortText = String(rank).padStart(4, '0');
  const documentation = entityDocumentation(entity);
  const detail = name.name === entity.name ? entity.kind : `${entity.kind} · ${entity.name}`;
  const plain: CompletionEntry = { label: name.name, kind: 'entity', detail, documentation, newText: name.name, range, sortText };
  const url = entityUrl(entity);
  if (setting === 'name' || !url) return [plain];
  const link: CompletionEntry = {
    label: `${name.name} → link`,
    kind: 'entity',
    detail: url,
    documentation,
    newText: `[${name.name.replace(/[[\]\\]/g, '\\$&')}](${url})`,
    range,
    filterText: name.name,
    sortText: `${sortText}1`,
  };
  return setting === 'link' ? [{ ...link, label: name.name, sortText }] : [plain, link];
}

/** The bold name, its kind, the first line of its summary and its links: what the hover card opens with. */
export function entityDocumentation(entity: Entity): string {
  const lines = [`**${escapeMarkdown(entity.name)}** · ${escapeMarkdown(entity.kind)}`];
  const summary = entity.summary.split('\n')[0].trim();
  if (summary) lines.push(escapeMarkdown(truncate(summary, SUMMARY_LENGTH)));
  const url = entityUrl(entity);
  if (url) lines.push(markdownLink(url.replace(/^https:\/\//, ''), url));
  return lines.join('\n\n');
}

/** Where a link to the entity goes: a paper's arXiv page first, a project's repository first. */
export function entityUrl(entity: Entity): string | undefined {
  const { github, arxiv, hf, homepage } = entity.links;
  const repository = github?.includes('/') ? `https://github.com/${github}` : undefined;
  const paper = arxiv ? `https://arxiv.org/abs/${arxiv}` : undefined;
  const model = hf ? `https://huggingface.co/${hf}` : undefined;
  const order = entity.kind === 'paper' ? [paper, repository, model, homepage] : [repository, paper, model, homepage];
  return order.find((url) => url !== undefined);
}
