// The figures of an eval run, per repository and overall, with their targets; what the table prints and
// `--json` writes.

import type { GoldMention, GoldNonEntity, LabelProblem, Placed } from './gold';
import type { EntityResult, HoverResult, MergedEntity } from './scoring';

export interface Ratio {
  hits: number;
  total: number;
  /** hits / total; null when there is nothing to count. */
  ratio: number | null;
}

export interface Figures {
  entityRecall: Ratio;
  nameQuality: Ratio;
  summaryRecall: Ratio;
  mentionPrecision: Ratio;
  /** hits = positions that showed a card where none should be. */
  falseCards: Ratio;
  labelProblems: number;
}

export type RatioMetric = Exclude<keyof Figures, 'labelProblems'>;

/** The targets of the knowledge layer: a minimum share, or for false cards a maximum. */
export const TARGETS: Record<RatioMetric, { min?: number; max?: number; label: string }> = {
  entityRecall: { min: 0.9, label: 'entity recall' },
  nameQuality: { min: 0.9, label: 'name quality' },
  summaryRecall: { min: 0.8, label: 'summary recall' },
  mentionPrecision: { min: 0.9, label: 'mention precision' },
  falseCards: { max: 0.05, label: 'false cards' },
};

export const MERGED_TARGET = 0;

export function ratio(hits: number, total: number): Ratio {
  return { hits, total, ratio: total ? hits / total : null };
}

/** Whether a figure meets its target; null when there is nothing to measure. */
export function meets(metric: RatioMetric, value: Ratio): boolean | null {
  if (value.ratio === null) return null;
  const target = TARGETS[metric];
  return target.min !== undefined ? value.ratio >= target.min : value.ratio <= (target.max ?? 1);
}

export interface Scored {
  entities: EntityResult[];
  mentions: HoverResult<Placed<GoldMention>>[];
  nonEntities: HoverResult<Placed<GoldNonEntity>>[];
  problems: LabelProblem[];
}

/** Figures over the results whose repository passes `inRepo` (all of them for the overall figures). */
export function figuresOf(scored: Scored, inRepo: (repo: string) => boolean = () => true): Figures {
  const entities = scored.entities.filter((result) => inRepo(result.placed.repo));
  const found = entities.filter((result) => result.found);
  const withSummary = entities.filter((result) => result.summaryOk !== undefined);
  const mentions = scored.mentions.filter((result) => inRepo(result.placed.repo));
  const nonEntities = scored.nonEntities.filter((result) => inRepo(result.placed.repo));
  return {
    entityRecall: ratio(found.length, entities.length),
    nameQuality: ratio(found.filter((result) => result.nameOk).length, found.length),
    summaryRecall: ratio(withSummary.filter((result) => result.summaryOk).length, withSummary.length),
    mentionPrecision: ratio(mentions.filter((result) => result.ok).length, mentions.length),
    falseCards: ratio(nonEntities.filter((result) => !result.ok).length, nonEntities.length),
    labelProblems: scored.problems.filter((problem) => inRepo(problem.repo)).length,
  };
}

export interface SeedCardResult {
  card: string;
  pass: boolean;
  detail: string;
}

export interface EvalReport {
  corpus: string;
  goldFiles: string[];
  targets: typeof TARGETS;
  indexMs: number;
  entityCount: number;
  overall: Figures;
  repos: Record<string, Figures>;
  merged: { count: number; target: number; measuredThrough: 'identities' | 'links and gold names'; entities: MergedEntity[] };
  largestSiteCount: { name: string; sites: number } | null;
  labelProblems: LabelProblem[];
  seedCards: { indexMs: number; results: SeedCardResult[] } | null;
}

/** Repositories in the order their labels first appear. */
export function reposOf(scored: Scored): string[] {
  const repos = new Set<string>();
  for (const result of scored.entities) repos.add(result.placed.repo);
  for (const result of [...scored.mentions, ...scored.nonEntities]) repos.add(result.placed.repo);
  for (const problem of scored.problems) repos.add(problem.repo);
  return [...repos];
}
