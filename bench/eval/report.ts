// Printing an eval run: one table per repository and overall (each figure next to its target, ✓/✗), the
// seed cards, label problems, and with --failures every miss grouped per metric and repository.

import { MERGED_TARGET, meets, TARGETS, type EvalReport, type Figures, type RatioMetric, type Scored } from './figures';

const METRICS = Object.keys(TARGETS) as RatioMetric[];

function percent(value: number | null): string {
  return value === null ? '—' : `${(value * 100).toFixed(1)} %`;
}

function mark(ok: boolean | null): string {
  return ok === null ? '·' : ok ? '✓' : '✗';
}

function targetText(metric: RatioMetric): string {
  const target = TARGETS[metric];
  return target.min !== undefined ? `≥ ${percent(target.min)}` : `≤ ${percent(target.max ?? 1)}`;
}

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - [...text].length));
}

/** The figures of one repository (or overall) as rows: metric, value (hits/total), target, mark. */
function figureRows(figures: Figures): string[][] {
  return METRICS.map((metric) => {
    const value = figures[metric];
    return [
      TARGETS[metric].label,
      `${percent(value.ratio)} (${value.hits}/${value.total})`,
      targetText(metric),
      mark(meets(metric, value)),
    ];
  });
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => [...row[column]].length)));
  return rows.map((row) => `  ${row.map((cell, column) => pad(cell, widths[column])).join('  ')}`.trimEnd()).join('\n');
}

export function formatReport(report: EvalReport): string {
  const out: string[] = [];
  out.push(`Marginalia knowledge-layer eval on ${report.corpus} (${report.goldFiles.join(', ')})`);
  out.push(`index time ${report.indexMs.toFixed(0)} ms (spawn to ready), ${report.entityCount} entities`, '');
  const header = ['metric', 'measured', 'target', ''];
  for (const [repo, figures] of Object.entries(report.repos)) {
    out.push(
      `${repo}${figures.labelProblems ? `  (${figures.labelProblems} label problem(s))` : ''}`,
      table([header, ...figureRows(figures)]),
      '',
    );
  }
  const merged = report.merged;
  out.push(
    'OVERALL',
    table([
      header,
      ...figureRows(report.overall),
      [
        'merged identities',
        `${merged.count} (through ${merged.measuredThrough})`,
        `= ${MERGED_TARGET}`,
        mark(merged.count <= MERGED_TARGET),
      ],
      ['largest site count', report.largestSiteCount ? `${report.largestSiteCount.sites} (${report.largestSiteCount.name})` : '—', '', ''],
      ['index time', `${report.indexMs.toFixed(0)} ms`, '', ''],
      ['label problems', String(report.overall.labelProblems), '= 0', mark(report.overall.labelProblems === 0)],
    ]),
    '',
  );
  if (merged.entities.length)
    out.push('Merged identities:', ...merged.entities.map((entity) => `  ${entity.name}: ${entity.identities.join(', ')}`), '');
  if (report.seedCards) {
    const passed = report.seedCards.results.filter((result) => result.pass).length;
    out.push(`Seed cards (${passed}/${report.seedCards.results.length} pass, seeds indexed in ${report.seedCards.indexMs.toFixed(0)} ms):`);
    for (const result of report.seedCards.results)
      out.push(`  ${mark(result.pass)} ${pad(result.card, 20)} ${result.pass ? '' : result.detail}`.trimEnd());
    out.push('');
  }
  if (report.labelProblems.length) {
    out.push('Label problems (not scored):');
    for (const problem of report.labelProblems) out.push(`  ${problem.kind} ${problem.file}: ${problem.problem}`);
    out.push('');
  }
  return out.join('\n');
}

/** One miss: where (file:line, 1-based), what the label says, what the server did instead. */
interface Miss {
  repo: string;
  where: string;
  text: string;
}

function where(placed: { label: { file: string }; span: { startLine: number } }): string {
  return `${placed.label.file}:${placed.span.startLine + 1}`;
}

/** Where a hover was sent: file:line:character, 1-based, the character in UTF-16 units. */
function hoveredAt(placed: { label: { file: string }; span: { middle: { line: number; character: number } } }): string {
  return `${placed.label.file}:${placed.span.middle.line + 1}:${placed.span.middle.character + 1}`;
}

function missesOf(scored: Scored): Record<string, Miss[]> {
  const entities = scored.entities;
  return {
    'entity recall (gold entity not found)': entities
      .filter((result) => !result.found)
      .map((result) => ({
        repo: result.placed.repo,
        where: where(result.placed),
        text: `${result.placed.label.name} [${result.placed.label.id}] — ${result.instead}`,
      })),
    'name quality (found, name differs)': entities
      .filter((result) => result.found && !result.nameOk)
      .map((result) => ({
        repo: result.placed.repo,
        where: where(result.placed),
        text: `gold "${result.placed.label.name}" — found ${result.instead}${result.found!.aliases.length ? ` also: ${result.found!.aliases.join(', ')}` : ''}`,
      })),
    'summary recall (fragment missing)': entities
      .filter((result) => result.summaryOk === false)
      .map((result) => ({
        repo: result.placed.repo,
        where: where(result.placed),
        text: `${result.placed.label.name}: "${result.placed.label.summaryIncludes}" — ${result.found ? `summary: "${clip(result.found.summary)}"` : 'entity not found'}`,
      })),
    'mention precision (first card is not the entity)': scored.mentions
      .filter((result) => !result.ok)
      .map(({ placed, firstCard }) => ({
        repo: placed.repo,
        where: hoveredAt(placed),
        text: `"${fragment(placed.label)}" [${placed.label.id}] — ${firstCard}`,
      })),
    'false cards (card where none belongs)': scored.nonEntities
      .filter((result) => !result.ok)
      .map(({ placed, firstCard }) => ({
        repo: placed.repo,
        where: hoveredAt(placed),
        text: `"${fragment(placed.label)}" (${placed.label.why}) — ${firstCard}`,
      })),
  };
}

function fragment(label: { find: string; offset: number; len: number }): string {
  return Array.from(label.find)
    .slice(label.offset, label.offset + label.len)
    .join('');
}

function clip(text: string, max = 160): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

export function formatFailures(scored: Scored): string {
  const out: string[] = ['FAILURES'];
  for (const [metric, misses] of Object.entries(missesOf(scored))) {
    out.push('', `== ${metric}: ${misses.length}`);
    const repos = [...new Set(misses.map((miss) => miss.repo))];
    for (const repo of repos) {
      const inRepo = misses.filter((miss) => miss.repo === repo);
      out.push(`-- ${repo} (${inRepo.length})`);
      for (const miss of inRepo) out.push(`  ${miss.where}  ${miss.text}`);
    }
  }
  return `${out.join('\n')}\n`;
}
