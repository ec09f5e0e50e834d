import type { HeadingFact, Range } from '../parse/facts';
import type { NotesIndex } from '../index/notesIndex';

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
export function documentOutline(index: NotesIndex, uri: string): OutlineSymbol[] {
  const headings = index.facts(uri)?.headings ?? [];
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

/** Entities and headings whose names contain the query's characters in order, entities first. */
export function workspaceSymbols(index: NotesIndex, query: string, limit = 500): WorkspaceSymbolEntry[] {
  const matches = fuzzyMatcher(query);
  const results: WorkspaceSymbolEntry[] = [];
  for (const entity of index.allEntities()) {
    const names = [entity.name, ...entity.aliases];
    if (!names.some(matches) || !entity.sites[0]) continue;
    results.push({ name: entity.name, kind: entity.kind, detail: entity.summary.slice(0, 80), uri: entity.sites[0].uri, range: entity.sites[0].range });
    if (results.length >= limit) return results;
  }
  for (const uri of index.noteUris()) {
    for (const heading of index.facts(uri)?.headings ?? []) {
      if (!heading.text || !matches(heading.text)) continue;
      results.push({ name: heading.text, kind: 'heading', detail: `#${heading.slug}`, uri, range: heading.range });
      if (results.length >= limit) return results;
    }
  }
  return results;
}

function toSymbol(heading: HeadingFact): OutlineSymbol {
  return { name: heading.text || '(empty heading)', level: heading.level, range: heading.range, children: [] };
}

function fuzzyMatcher(query: string): (text: string) => boolean {
  const needle = query.toLowerCase().replace(/\s+/g, '');
  return (text) => {
    const haystack = text.toLowerCase();
    let position = 0;
    for (const c of needle) {
      position = haystack.indexOf(c, position);
      if (position < 0) return false;
      position++;
    }
    return true;
  };
}
