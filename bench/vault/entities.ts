// The projects and papers of the vault: names, aliases, links, and the note each is defined in.
import type { Random } from './random';
import { SYLLABLES, NAME_SUFFIXES, COMPANIES, ORGS, OWNERS, PAPER_TAILS, ENGLISH_WORDS } from './vocabulary';

export type Shape = 'project-table' | 'paper-table' | 'card' | 'linked-heading' | 'loose-enumerated' | 'loose-github';

export interface EntitySpec {
  /** The name as defined (`腾讯Qorvex`, `Qorvex`, or a paper title). */
  name: string;
  /** Texts a note may use to mention it; all are recognised names or aliases. */
  mentions: string[];
  kind: 'project' | 'paper';
  shape: Shape;
  url: string;
  org: string;
  home: number;
}

function makeBaseNames(random: Random, count: number): string[] {
  const names: string[] = [];
  const taken = new Set<string>();
  while (names.length < count) {
    const syllables = random.int(2, 3);
    let stem = '';
    for (let index = 0; index < syllables; index++) stem += random.pick(SYLLABLES);
    stem = stem[0].toUpperCase() + stem.slice(1);
    if (random.chance(0.25)) {
      // Inner capital, as in DeepSpeed or MegEngine.
      const cut = Math.min(stem.length - 1, Math.max(2, Math.floor(stem.length / 2)));
      stem = stem.slice(0, cut) + stem[cut].toUpperCase() + stem.slice(cut + 1);
    }
    const name = stem + random.pick(NAME_SUFFIXES);
    const key = name.toLowerCase();
    if (name.length < 5 || taken.has(key) || taken.has(stem.toLowerCase()) || ENGLISH_WORDS.has(stem.toLowerCase())) continue;
    taken.add(key);
    taken.add(stem.toLowerCase());
    names.push(name);
  }
  return names;
}

export function makeEntities(random: Random, count: number, notes: number): EntitySpec[] {
  const bases = makeBaseNames(random, count);
  const arxivIds = new Set<string>();
  const repos = new Set<string>();
  const shapes: Array<[Shape, number]> = [
    ['project-table', 0.3],
    ['paper-table', 0.2],
    ['card', 0.15],
    ['linked-heading', 0.15],
    ['loose-enumerated', 0.1],
    ['loose-github', 0.1],
  ];
  return bases.map((base) => {
    let roll = random.next();
    let shape: Shape = 'project-table';
    for (const [candidate, weight] of shapes) {
      if ((roll -= weight) < 0) {
        shape = candidate;
        break;
      }
    }
    const home = random.int(0, notes - 1);
    const org = random.pick(ORGS);
    if (shape === 'paper-table') {
      let id: string;
      do id = `${random.int(18, 25)}${String(random.int(1, 12)).padStart(2, '0')}.${String(random.int(0, 29999)).padStart(5, '0')}`;
      while (arxivIds.has(id));
      arxivIds.add(id);
      const name = `${base}: ${random.pick(PAPER_TAILS)}`;
      // A paper titled `Name: long title` is known by its short name too.
      return { name, mentions: [base], kind: 'paper', shape, url: `https://arxiv.org/abs/${id}`, org, home };
    }
    let repo = `${random.pick(OWNERS)}/${base.toLowerCase().replace(/[^a-z0-9-]/g, '')}`;
    while (repos.has(repo.toLowerCase())) repo += `-${random.int(2, 9)}`;
    repos.add(repo.toLowerCase());
    const url = `https://github.com/${repo}`;
    // Loose lists name a project plainly; tables, cards and headings often carry a company prefix.
    const prefixed = (shape === 'card' || shape === 'project-table') && random.chance(0.3);
    const name = prefixed ? `${random.pick(COMPANIES)}${base}` : base;
    const mentions = prefixed ? [name, base] : [base];
    return { name, mentions, kind: 'project', shape, url, org, home };
  });
}
