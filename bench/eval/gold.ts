// The gold labels of a corpus (every `gold-*.json` at its root; format in the corpus's README.md), and
// locating each labelled position in its note. A label whose `find` is not where it says is a label
// problem: kept and reported, never silently dropped.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { locateLabel, type LocatedSpan } from './positions';

export interface GoldEntity {
  file: string;
  find: string;
  occurrence: number;
  name: string;
  aliases?: string[];
  kind: string;
  id: string;
  summaryIncludes?: string;
  shape?: string;
}

export interface GoldMention {
  file: string;
  find: string;
  occurrence: number;
  offset: number;
  len: number;
  id: string;
}

export interface GoldNonEntity {
  file: string;
  find: string;
  occurrence: number;
  offset: number;
  len: number;
  why: string;
}

export interface Gold {
  /** The gold files read, by base name. */
  sources: string[];
  entities: GoldEntity[];
  mentions: GoldMention[];
  nonEntities: GoldNonEntity[];
}

export type LabelKind = 'entity' | 'mention' | 'nonEntity';

export interface LabelProblem {
  kind: LabelKind;
  repo: string;
  file: string;
  find: string;
  occurrence: number;
  problem: string;
}

/** A label found in its note. */
export interface Placed<T> {
  label: T;
  repo: string;
  span: LocatedSpan;
}

/** A mistake in how the eval was called or what it was pointed at: exit code 2, a message, no stack. */
export class UsageError extends Error {}

/** The repository a label belongs to: the first segment of its corpus-relative path. */
export function repoOf(file: string): string {
  return file.split('/')[0];
}

export function loadGold(corpusDir: string): Gold {
  const sources = readdirSync(corpusDir)
    .filter((name) => /^gold-.*\.json$/.test(name))
    .sort();
  if (sources.length === 0) throw new UsageError(`no gold-*.json label file in ${corpusDir}`);
  const gold: Gold = { sources, entities: [], mentions: [], nonEntities: [] };
  for (const source of sources) {
    let parsed: Partial<Gold>;
    try {
      parsed = JSON.parse(readFileSync(path.join(corpusDir, source), 'utf8')) as Partial<Gold>;
    } catch (error) {
      throw new UsageError(`${source} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
    }
    gold.entities.push(...(parsed.entities ?? []));
    gold.mentions.push(...(parsed.mentions ?? []));
    gold.nonEntities.push(...(parsed.nonEntities ?? []));
  }
  return gold;
}

/** Reads notes of the corpus by relative path, each once. */
export function noteReader(corpusDir: string): (file: string) => string | undefined {
  const cache = new Map<string, string | undefined>();
  return (file) => {
    if (!cache.has(file)) {
      const full = path.join(corpusDir, file);
      cache.set(file, existsSync(full) ? readFileSync(full, 'utf8') : undefined);
    }
    return cache.get(file);
  };
}

/**
 * Splits labels into those found in their notes and label problems. Entities are located by their whole
 * `find`; mentions and non-entities by the `offset`/`len` span inside it.
 */
export function placeLabels<T extends { file: string; find: string; occurrence: number; offset?: number; len?: number }>(
  kind: LabelKind,
  labels: readonly T[],
  read: (file: string) => string | undefined,
  problems: LabelProblem[],
): Placed<T>[] {
  const placed: Placed<T>[] = [];
  for (const label of labels) {
    const repo = repoOf(label.file);
    const text = read(label.file);
    const span = label.offset !== undefined && label.len !== undefined ? { offset: label.offset, len: label.len } : undefined;
    const result =
      text === undefined
        ? { ok: false as const, problem: 'the file does not exist in the corpus' }
        : locateLabel(text, label.find, label.occurrence, span);
    if (result.ok) placed.push({ label, repo, span: result.span });
    else problems.push({ kind, repo, file: label.file, find: label.find, occurrence: label.occurrence, problem: result.problem });
  }
  return placed;
}
