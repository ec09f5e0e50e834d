import type { Nodes } from 'mdast';
import type { EntityCandidate } from '../parse/facts';
import type { ParsedNote } from '../parse/parseNote';
import { makeCandidate } from './candidate';
import type { ExtractionContext } from './extractEntities';
import { developerFrom, isGenericLabel, namesGivenIn } from './names';
import { isNameLike } from './recordNames';

// Shape 4: plain-text lists pasted from chats and docs, read line by line, e.g.
//   a) NVDLA (NVIDIA Deep Learning Accelerator)：      ← enumerated name, description lines, `网址: …`
//   Pug (原Jade) / 简洁的语法… / GitHub: https://…     ← name line, description, labelled URL
//   CogVideo: 清华大学开发的… / https://github.com/…   ← name: description, bare URL
//   d) Cutter (https://github.com/rizinorg/cutter)     ← URL in parentheses, indented description
//   JAX: https://github.com/google/jax                 ← name: URL

const URL_LABELS =
  '项目|相关代码|网址|网站|官网|地址|链接|主页|项目地址|仓库|代码|源码|GitHub|Github|github|URL|Url|url|Homepage|homepage|Website|website|Repo|repo|Code|code|Link|link';
// Any short Chinese label before a URL (`项目：`, `相关代码：`) labels it; a Latin word before a URL (`JAX:`) names it.
const LABELLED_URL = new RegExp(
  `^\\s*(?:[-*+]\\s+)?(?:(?:${URL_LABELS})\\s*[:：]\\s*(https?:\\/\\/\\S+)?|[\\u3400-\\u9fff]{1,8}\\s*[:：]\\s*(https?:\\/\\/\\S+))\\s*(.*)$`,
);
const BARE_URL = /^\s*(?:[-*+]\s+)?<?(https?:\/\/[^\s>]+)>?(?:\s.*)?$/;
const ENUMERATED = /^\s*(?:[-*+]\s+)?(?:[a-zA-Z]|\d{1,2})[).、]\s+(.+?)\s*$/;
const NAME_THEN_URL = /^\s*(?:[-*+]\s+)?([^:：\s][^:：]{0,48}?)\s*[:：]\s*(https?:\/\/\S+)\s*$/;
const NAME_THEN_TEXT = /^\s*(?:[-*+]\s+)?([^:：\s][^:：]{0,48}?)\s*[:：]\s*(\S.*)$/;
const FIELD_LINE = /^\s*[^\s:：]{1,10}\s*[:：]\s*\S/;
const NAME_TEXT = /^[A-Za-z\u3400-\u9fff][\w\u3400-\u9fff .+·&/'-]*$/;
const URL_LABEL_WORD = new RegExp(`^(?:${URL_LABELS})$`);
// Labelled URLs and `name: …` lines have a colon; most lines have none, and the patterns above are slow to find that out.
const COLON = /[:：]/;
const MAX_DESCRIPTION_LINES = 8;
const MAX_LINE_CHARS = 1000;
/** Labelled lines that describe the entry they follow. */
const DESCRIBING_FIELD =
  /^\s*(?:[-*+]\s+)?(描述|介绍|简介|说明|用途|特点|功能|作者|重要性|摘要|领域|语言|description|summary|use|usage|purpose|authors?|features?)\s*[:：]\s*\S/i;
/** `Language Models are Few-Shot Learners (2020)` over an `作者：` line: a paper cited by its title. */
const TITLE_WITH_YEAR = /^\s*(?:[-*+]\s+)?(?:\d{1,2}[.、)]\s*)?(.{4,160}?)\s*[(（]((?:19|20)\d{2})[)）]\s*$/;
const AUTHORS_LINE = /^\s*(?:[-*+]\s+)?(?:作者|authors?)\s*[:：]\s*(\S.*)$/i;

interface NameLine {
  name: string;
  inner?: string;
  url?: string;
}

interface Line {
  index: number;
  text: string;
  blocked: boolean;
}

export function looseListCandidates(context: ExtractionContext): EntityCandidate[] {
  const lines = proseLines(context.note);
  const consumed = new Set<number>();
  const candidates: EntityCandidate[] = [];
  const add = (line: Line, name: NameLine, urls: string[], description: string[], weak: boolean): void => {
    const fields: Record<string, string> = {};
    const developer = name.inner ? developerFrom(name.inner) : undefined;
    if (developer) fields.developer = developer;
    const displayName = name.inner && !developer && !/^https?:/i.test(name.inner) ? `${name.name} (${name.inner})` : name.name;
    const column = line.text.indexOf(name.name);
    const start = context.note.lines.lineStart(line.index) + Math.max(column, 0);
    candidates.push(
      makeCandidate({
        name: displayName,
        shape: 'loose-list',
        range: context.note.lines.rangeOf(start, start + name.name.length),
        urls: [...(name.url ? [name.url] : []), ...urls],
        summary: description.join(' '),
        fields,
        weak,
      }),
    );
  };

  lines.forEach((line, position) => {
    if (line.blocked || consumed.has(position)) return;
    const enumerated = ENUMERATED.exec(line.text);
    const name = enumerated ? parseNameLine(enumerated[1]) : undefined;
    if (!name) return;
    const { urls, description, used } = describeAfter(lines, position + 1);
    used.forEach((index) => consumed.add(index));
    if (name.url) urls.unshift(name.url);
    add(line, name, urls, description, urls.length === 0);
  });

  lines.forEach((line, position) => {
    if (line.blocked || consumed.has(position) || !COLON.test(line.text)) return;
    const labelled = LABELLED_URL.exec(line.text);
    if (!labelled?.[1]) return;
    const group = groupBefore(lines, position);
    if (!group) return;
    consumed.add(position);
    let description = group.description;
    if (description.length === 0) description = followingDescription(lines, position + 1);
    add(lines[group.namePosition], group.name, [labelled[1] ?? labelled[2]], description, false);
  });

  lines.forEach((line, position) => {
    if (line.blocked || consumed.has(position) || !COLON.test(line.text)) return;
    const direct = NAME_THEN_URL.exec(line.text);
    if (direct && !URL_LABEL_WORD.test(direct[1].trim())) {
      const name = parseNameLine(direct[1]);
      if (name) add(line, name, [direct[2]], [], false);
      return;
    }
    const described = NAME_THEN_TEXT.exec(line.text);
    // `- https://…` is an address, not the name `https` followed by a description.
    if (!described || described[2].startsWith('//')) return;
    const next = lines[position + 1];
    const url = next && !next.blocked ? BARE_URL.exec(next.text)?.[1] : undefined;
    if (!url || URL_LABEL_WORD.test(described[1].trim())) return;
    const name = parseNameLine(described[1]);
    if (!name) return;
    consumed.add(position + 1);
    add(line, name, [url], [described[2]], false);
  });
  lines.forEach((line, position) => {
    if (line.blocked || consumed.has(position)) return;
    const title = TITLE_WITH_YEAR.exec(line.text.trimStart());
    const authors = title && lines[position + 1] && !lines[position + 1].blocked ? AUTHORS_LINE.exec(lines[position + 1].text) : undefined;
    if (!title || !authors || !/[A-Za-z]/.test(title[1])) return;
    candidates.push(paperByTitle(context, line, title[1], title[2], authors[1], followingDescription(lines, position + 2)));
  });
  return candidates;
}

/**
 * A paper a reading list cites by title, without a link: known by its title (and the short name before
 * its colon), with its authors and year as fields and the lines below as its summary.
 */
function paperByTitle(
  context: ExtractionContext,
  line: Line,
  title: string,
  year: string,
  authors: string,
  description: string[],
): EntityCandidate {
  const start = context.note.lines.lineStart(line.index) + Math.max(line.text.indexOf(title), 0);
  const summary = description
    .filter((text) => !AUTHORS_LINE.test(text))
    .map((text) => text.replace(/^(重要性|简介|摘要|summary)\s*[:：]\s*/i, ''));
  return makeCandidate({
    name: title.trim().replace(/^["“]|["”]$/g, ''),
    kind: 'paper',
    shape: 'loose-list',
    range: context.note.lines.rangeOf(start, start + title.trim().length),
    summary: summary.join(' '),
    aliases: namesGivenIn(summary.join(' ')),
    fields: { authors: authors.trim(), year },
  });
}

/** `NVDLA (NVIDIA Deep Learning Accelerator)：` → name and parenthesised part; anything sentence-like → undefined. */
export function parseNameLine(raw: string): NameLine | undefined {
  let text = raw.trim().replace(/\s*[:：]\s*$/, '');
  let inner: string | undefined;
  let url: string | undefined;
  const paren = /\s*[(（]([^()（）]*)[)）]\s*/.exec(text);
  if (paren) {
    const content = paren[1].trim();
    if (/^https?:\/\//i.test(content)) url = content;
    else inner = content;
    text = (text.slice(0, paren.index) + ' ' + text.slice(paren.index + paren[0].length)).replace(/\s+/g, ' ').trim();
  }
  if (!text || text.length > 50 || !NAME_TEXT.test(text)) return undefined;
  if (isGenericLabel(text) || URL_LABEL_WORD.test(text)) return undefined;
  // `It works with SymbiYosys.` is a sentence, however short.
  if (!isNameLike(text, { link: false }) || /[.!?。]$/.test(text)) return undefined;
  // A name is a handful of words; longer runs of words are sentences.
  if (text.split(' ').length > 5) return undefined;
  // Loose lists name software, which carries a Latin name; Chinese-only lines there are descriptions.
  if (!/[A-Za-z0-9]/.test(text)) return undefined;
  if ((text.match(/[\u3400-\u9fff]/g) ?? []).length > 4) return undefined;
  return { name: text, ...(inner ? { inner } : {}), ...(url ? { url } : {}) };
}

/** Description and URL lines after an enumerated name, up to the next item or section label. */
function describeAfter(lines: Line[], from: number): { urls: string[]; description: string[]; used: number[] } {
  const urls: string[] = [];
  const description: string[] = [];
  const used: number[] = [];
  let blanks = 0;
  for (let position = from; position < lines.length && description.length < MAX_DESCRIPTION_LINES; position++) {
    const line = lines[position];
    if (line.blocked) break;
    const text = line.text.trim();
    if (!text) {
      if (++blanks >= 2) break;
      continue;
    }
    blanks = 0;
    if (ENUMERATED.test(line.text) && parseNameLine(ENUMERATED.exec(line.text)![1])) break;
    const labelled = LABELLED_URL.exec(line.text);
    if (labelled) {
      if (labelled[1] ?? labelled[2]) urls.push(labelled[1] ?? labelled[2]);
      used.push(position);
      continue;
    }
    const bare = BARE_URL.exec(line.text);
    if (bare) {
      urls.push(bare[1]);
      used.push(position);
      continue;
    }
    if (/[:：]\s*$/.test(text)) break;
    description.push(text);
  }
  return { urls, description, used };
}

/** The name line and description lines above a labelled URL line, back to a blank line or the previous entry. */
function groupBefore(lines: Line[], urlPosition: number): { name: NameLine; namePosition: number; description: string[] } | undefined {
  const collected: number[] = [];
  for (let position = urlPosition - 1; position >= 0 && collected.length < 6; position--) {
    const line = lines[position];
    if (line.blocked) break;
    const text = line.text.trim();
    if (!text) {
      if (collected.length) break;
      continue;
    }
    if (LABELLED_URL.test(line.text) || BARE_URL.test(line.text)) break;
    // `描述：…` / `用途：…` between a name and its `链接：` line describe that name; other labelled
    // lines (`JAX: https://…` aside) end the group.
    if (FIELD_LINE.test(line.text) && !ENUMERATED.test(line.text) && !DESCRIBING_FIELD.test(line.text)) break;
    collected.unshift(position);
  }
  if (!collected.length) return undefined;
  // `Halide` / `描述：…` / `用途：…` / `链接：…`: the name is the line before the fields.
  const firstField = collected.findIndex((position) => DESCRIBING_FIELD.test(lines[position].text));
  if (firstField > 0) {
    const namePosition = collected[firstField - 1];
    const name = nameAt(lines, namePosition);
    if (name) return { name, namePosition, description: collected.slice(firstField).map((position) => lines[position].text.trim()) };
  }
  // Usually the group opens with the name (`Pug (原Jade)` / description / `GitHub: …`); when it does not,
  // the name sits right above the URL and the lines before it belong to the previous entry.
  const earliest = nameAt(lines, collected[0]);
  if (earliest)
    return { name: earliest, namePosition: collected[0], description: collected.slice(1).map((position) => lines[position].text.trim()) };
  const nearest = nameAt(lines, collected[collected.length - 1]);
  return nearest ? { name: nearest, namePosition: collected[collected.length - 1], description: [] } : undefined;
}

function nameAt(lines: Line[], position: number): NameLine | undefined {
  // Only enumerated names end with a colon; elsewhere `out:` is a code label or a section title.
  if (/[:：]\s*$/.test(lines[position].text) && !ENUMERATED.test(lines[position].text)) return undefined;
  return parseNameLine(lines[position].text.replace(/^\s*(?:[-*+]\s+)?(?:[a-zA-Z]|\d{1,2})[).、]\s+/, ''));
}

function followingDescription(lines: Line[], from: number): string[] {
  const description: string[] = [];
  for (let position = from; position < lines.length && description.length < MAX_DESCRIPTION_LINES; position++) {
    const line = lines[position];
    const text = line.text.trim();
    if (line.blocked || !text) {
      if (description.length || line.blocked) break;
      continue;
    }
    // The lines before the next address are the next entry's: its name and description (`Yosys` / … /
    // `GitHub: …` after `Verilator` / `GitHub: …`), so this entry's description ends where that name stands.
    if (LABELLED_URL.test(line.text) || BARE_URL.test(line.text)) {
      const nextName = description.findIndex((candidate) => parseNameLine(candidate) !== undefined);
      return nextName >= 0 ? description.slice(0, nextName) : [];
    }
    if (/^[^\s:：]{1,6}[:：]$/.test(text)) continue;
    description.push(text);
  }
  return description;
}

/** The note's lines, marking those inside headings, tables, fenced code, HTML and front matter. */
function proseLines(note: ParsedNote): Line[] {
  const blocked = new Set<number>();
  for (const node of note.nodes.notProse) {
    if (!isBlocking(node, note) || !node.position) continue;
    for (let line = node.position.start.line - 1; line <= node.position.end.line - 1; line++) blocked.add(line);
  }
  const lines: Line[] = [];
  for (let index = note.lineSpan.first; index < note.lineSpan.end; index++) {
    const text = note.lines.lineText(index);
    // No name or address line is that long, and the line patterns would take quadratic time on one (see trim.ts).
    lines.push({ index, text, blocked: blocked.has(index) || text.length > MAX_LINE_CHARS });
  }
  return lines;
}

/** Of the blocks that are not prose, indented code is the exception: research notes paste prose into it. */
function isBlocking(node: Nodes, note: ParsedNote): boolean {
  if (node.type !== 'code') return true;
  const start = node.position?.start.offset ?? 0;
  return /^\s*(```|~~~)/.test(note.text.slice(start, start + 8));
}
