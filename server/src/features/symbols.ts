import type { HeadingFact, Range } from '../parse/facts';
import type { NotesView } from '../index/notesView';

export interface OutlineSymbol {
  name: string;
  level: number;
  range: Range;
  children: OutlineSymbol[];
}

export interface WorkspaceSymbolEntry {
  name: string;
  kind: 'project' | 'paper' | 'article' | 'heading' | string;
  detail: string;
  uri: string;
  range: Range;
}

/** The heading outline of a note, nested by level. */
export function documentOutline(index: NotesView, uri: string): OutlineSymbol[] {
  const headings = index.outline(uri)?.headings ?? [];
  const roots: OutlineSymbol[] = [];
  const stack: OutlineSymbol[] = [];
  for (const heading of headings) {
    const symbol = toSymbol(heading);
    while (stack.length && stack[stack.length - 1].level >= heading.level) stack.pop();
    if (stack.length) stack[stack.length - 1].children.push(symbol);
    else roots.push(symbol);
    stack.push(symbol);
  }
  return roots;
}

/**
 * Entities and headings whose names contain the query's characters in order; better matches first
 * (prefix, then substring, then scattered letters), entities before headings at equal quality.
 */
export function workspaceSymbols(index: NotesView, query: string, limit = 500): WorkspaceSymbolEntry[] {
  const scored: Array<{ score: number; entry: WorkspaceSymbolEntry }> = [];
  for (const entity of index.allEntities()) {
    const score = Math.max(...[entity.name, ...entity.aliases].map((name) => matchScore(name, query)));
    if (score <= 0 || !entity.sites[0]) continue;
    scored.push({
      score: score + 0.5,
      entry: {
        name: entity.name,
        kind: entity.kind,
        detail: entity.summary.slice(0, 80),
        uri: entity.sites[0].uri,
        range: entity.sites[0].range,
      },
    });
  }
  for (const uri of index.noteUris()) {
    for (const heading of index.outline(uri)?.headings ?? []) {
      const score = heading.text ? matchScore(heading.text, query) : 0;
      if (score > 0)
        scored.push({ score, entry: { name: heading.text, kind: 'heading', detail: `#${heading.slug}`, uri, range: heading.range } });
    }
  }
  return scored
    .sort((a, b) => b.score - a.score || a.entry.name.length - b.entry.name.length)
    .slice(0, limit)
    .map(({ entry }) => entry);
}

function toSymbol(heading: HeadingFact): OutlineSymbol {
  return { name: heading.text || '(empty heading)', level: heading.level, range: heading.range, children: [] };
}

/** 3: the name starts with the query; 2: contains it; 1: contains its letters in order; 0: no match. */
function matchScore(text: string, query: string): number {
  const needle = query.toLowerCase().replace(/\s+/g, '');
  const haystack = text.toLowerCase();
  if (!needle) return 1;
  if (haystack.startsWith(needle)) return 3;
  if (haystack.includes(needle)) return 2;
  let position = 0;
  for (const c of needle) {
    position = haystack.indexOf(c, position);
    if (position < 0) return 0;
    position++;
  }
  return 1;
}
