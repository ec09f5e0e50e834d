// `npm run eval -- [CORPUS_DIR] [--json FILE] [--failures]`
//
// Measures Marginalia's knowledge layer on a labelled corpus (default ../shared/corpora/real-notes; label
// format in its README.md): entity recall, name quality, summary recall, mention precision (the first hover
// card is the mentioned entity's), false cards on no-card positions, merged identities, the largest
// definition-site count and index time, per repository (first path segment of a label's file) and
// overall; then the seed cards that test/protocol/navigation.test.ts checks.
//
// The corpus is indexed by the real server over stdio (`node dist/server.js --stdio`, see eval/server.ts)
// on a fresh temporary copy of its repository folders, with a fresh XDG_CACHE_HOME, so no index cache of
// an earlier run is reused. Exit codes: 0 when it ran (whatever the figures), 2 for usage errors, 3 when
// a server fails to start or answer. The pieces live in bench/eval/; the scoring there is pure and tested.

import { existsSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { killAllChildren } from './lspSession';
import { figuresOf, MERGED_TARGET, reposOf, TARGETS, type EvalReport, type Figures, type Scored } from './eval/figures';
import type { EntityItem } from './eval/identity';
import { loadGold, noteReader, placeLabels, UsageError, type Gold, type LabelProblem } from './eval/gold';
import { formatFailures, formatReport } from './eval/report';
import { largestSiteCount, mergedIdentities, scoreEntity, scoreMention, scoreNonEntity } from './eval/scoring';
import { checkSeedCards } from './eval/seedCards';
import { copyFolders, EvalServer, message, repositoryFolders, scratchFolder, ServerFailure } from './eval/server';

const ROOT = path.resolve(__dirname, '..');
const USAGE = 'Usage: npm run eval -- [CORPUS_DIR] [--json FILE] [--failures]';

interface Options {
  corpusDir: string;
  jsonFile?: string;
  failures: boolean;
}

function parseOptions(argv: readonly string[]): Options {
  const positional: string[] = [];
  let jsonFile: string | undefined;
  let failures = false;
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index];
    if (arg === '--failures') failures = true;
    else if (arg === '--json') {
      jsonFile = argv[++index];
      if (jsonFile === undefined || jsonFile.startsWith('--')) throw new UsageError('--json needs a file name');
    } else if (arg.startsWith('-')) throw new UsageError(`unknown option ${arg}`);
    else positional.push(arg);
  }
  if (positional.length > 1) throw new UsageError(`one corpus folder at most, got ${positional.join(' ')}`);
  // npm runs scripts in the repository root; paths the user typed are relative to where they typed them.
  const userCwd = process.env.INIT_CWD ?? process.cwd();
  const corpusDir = positional[0] !== undefined ? path.resolve(userCwd, positional[0]) : path.resolve(ROOT, '../shared/corpora/real-notes');
  if (!existsSync(corpusDir) || !statSync(corpusDir).isDirectory()) throw new UsageError(`corpus folder ${corpusDir} does not exist`);
  return { corpusDir, jsonFile: jsonFile && path.resolve(userCwd, jsonFile), failures };
}

/** Indexes a copy of the corpus's repositories and scores every label against the server's answers. */
interface CorpusRun {
  scored: Scored;
  indexMs: number;
  entities: EntityItem[];
}

async function evaluate(corpusDir: string, gold: Gold): Promise<CorpusRun> {
  const workspace = scratchFolder('marginalia-eval-');
  const cache = scratchFolder('marginalia-eval-cache-');
  try {
    copyFolders(corpusDir, repositoryFolders(corpusDir), workspace.root);
    const problems: LabelProblem[] = [];
    const read = noteReader(workspace.root);
    const goldEntities = placeLabels('entity', gold.entities, read, problems);
    const mentions = placeLabels('mention', gold.mentions, read, problems);
    const nonEntities = placeLabels('nonEntity', gold.nonEntities, read, problems);
    const server = await EvalServer.start(workspace.root, cache.root);
    try {
      const list = await server.entities();
      const scored: Scored = { entities: goldEntities.map((placed) => scoreEntity(placed, list)), mentions: [], nonEntities: [], problems };
      for (const placed of mentions) scored.mentions.push(scoreMention(placed, await server.hover(placed.label.file, placed.span.middle)));
      for (const placed of nonEntities)
        scored.nonEntities.push(scoreNonEntity(placed, await server.hover(placed.label.file, placed.span.middle)));
      return { scored, indexMs: server.indexMs, entities: list };
    } finally {
      await server.stop();
    }
  } finally {
    workspace.dispose();
    cache.dispose();
  }
}

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  const gold = loadGold(options.corpusDir);
  const run = await evaluate(options.corpusDir, gold);
  const { scored, entities } = run;
  const repos: Record<string, Figures> = {};
  for (const repo of reposOf(scored)) repos[repo] = figuresOf(scored, (other) => other === repo);
  const merged = mergedIdentities(entities, gold.entities);
  const report: EvalReport = {
    corpus: options.corpusDir,
    goldFiles: gold.sources,
    targets: TARGETS,
    indexMs: Math.round(run.indexMs),
    entityCount: entities.length,
    overall: figuresOf(scored),
    repos,
    merged: {
      count: merged.length,
      target: MERGED_TARGET,
      measuredThrough: entities.some((entity) => entity.identities) ? 'identities' : 'links and gold names',
      entities: merged,
    },
    largestSiteCount: largestSiteCount(entities) ?? null,
    labelProblems: scored.problems,
    seedCards: await checkSeedCards(path.join(ROOT, 'seeds')),
  };
  process.stdout.write(`${formatReport(report)}\n`);
  if (options.failures) process.stdout.write(formatFailures(scored));
  if (options.jsonFile) {
    writeFileSync(options.jsonFile, `${JSON.stringify(report, null, 2)}\n`);
    process.stdout.write(`\nfigures written to ${options.jsonFile}\n`);
  }
  return 0;
}

main().then(
  (code) => {
    killAllChildren();
    process.exit(code);
  },
  (error: unknown) => {
    killAllChildren();
    if (error instanceof UsageError) {
      process.stderr.write(`eval: ${error.message}\n${USAGE}\n`);
      process.exit(2);
    }
    if (error instanceof ServerFailure) {
      process.stderr.write(`eval: ${error.message}\n`);
      process.exit(3);
    }
    process.stderr.write(`eval: ${error instanceof Error ? (error.stack ?? error.message) : message(error)}\n`);
    process.exit(1);
  },
);
