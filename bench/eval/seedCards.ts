// The seven seed cards and the one no-card position that test/protocol/navigation.test.ts checks, checked
// the same way (same needles, offsets and patterns) on a fresh server over a copy of seeds/, so an eval
// run also says whether the knowledge layer still passes them.

import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { SeedCardResult } from './figures';
import type { Position } from './positions';
import { copyFolders, EvalServer, scratchFolder } from './server';

const CHIPS = '000_2a3c44dcec08f07f.md';
const AI_OS = '001_7e5cbe7abf80e26e.md';
const FRAMEWORKS = '002_cb18c87924e80d70.md';

interface SeedCheck {
  card: string;
  file: string;
  needle: string;
  offset: number;
  /** Every pattern must match the hover; an empty list means no card at all. */
  patterns: RegExp[];
}

const CHECKS: readonly SeedCheck[] = [
  {
    card: 'vLLM',
    file: AI_OS,
    needle: '[vLLM]',
    offset: 2,
    patterns: [/\*\*vLLM\*\* · project/, /UC Berkeley/, /github\.com\/vllm-project\/vllm/, /001\\_7e5cbe7abf80e26e\\\.md:120/],
  },
  { card: 'Gemmini', file: CHIPS, needle: '利用Gemmini平台', offset: 3, patterns: [/\*\*Gemmini\*\*/, /ucb\\-bar\/gemmini/] },
  { card: 'NVDLA', file: CHIPS, needle: 'a) NVDLA', offset: 4, patterns: [/\*\*NVDLA \\\(NVIDIA Deep Learning Accelerator\\\)\*\*/] },
  { card: 'Mooncake (paper)', file: AI_OS, needle: '[Mooncake', offset: 2, patterns: [/· paper/] },
  { card: 'MXNet', file: FRAMEWORKS, needle: '## MXNet', offset: 5, patterns: [/Apache MXNet（孵化中）/] },
  { card: 'Megatron-LM', file: CHIPS, needle: 'DeepSpeed-Inference、Megatron-LM', offset: 22, patterns: [/\*\*Megatron\\-LM\*\*/] },
  {
    card: 'arXiv 2404.17153',
    file: AI_OS,
    needle: '2404.17153',
    offset: 3,
    patterns: [/A Unified Debugging Approach via LLM\\-Based Multi\\-Agent Synergy/],
  },
  { card: 'no card on 简介', file: FRAMEWORKS, needle: '#### 简介', offset: 6, patterns: [] },
];

/** As navigation.test.ts's `at`: the first line holding the needle, `offset` characters into it. */
function needlePosition(root: string, file: string, needle: string, offset: number): Position | undefined {
  const lines = readFileSync(path.join(root, file), 'utf8').split('\n');
  const line = lines.findIndex((text) => text.includes(needle));
  return line < 0 ? undefined : { line, character: lines[line].indexOf(needle) + offset };
}

async function runCheck(server: EvalServer, root: string, check: SeedCheck): Promise<SeedCardResult> {
  const position = needlePosition(root, check.file, check.needle, check.offset);
  if (!position) return { card: check.card, pass: false, detail: `${check.needle} is not in ${check.file}` };
  const hover = await server.hover(check.file, position);
  if (check.patterns.length === 0)
    return { card: check.card, pass: hover === '', detail: hover === '' ? 'no card' : `a card: ${hover.split('\n')[0]}` };
  const missing = check.patterns.filter((pattern) => !pattern.test(hover));
  const detail = missing.length
    ? `missing ${missing.map(String).join(', ')}; got: ${hover ? hover.split('\n')[0] : 'no card'}`
    : hover.split('\n')[0];
  return { card: check.card, pass: missing.length === 0, detail };
}

/** Starts a server on a copy of `seedsDir` (fresh cache) and runs every check. */
export async function checkSeedCards(seedsDir: string): Promise<{ indexMs: number; results: SeedCardResult[] }> {
  const workspace = scratchFolder('marginalia-eval-seeds-');
  const cache = scratchFolder('marginalia-eval-seeds-cache-');
  try {
    copyFolders(path.dirname(seedsDir), [path.basename(seedsDir)], workspace.root);
    const root = path.join(workspace.root, path.basename(seedsDir));
    const server = await EvalServer.start(root, cache.root);
    try {
      const results: SeedCardResult[] = [];
      for (const check of CHECKS) results.push(await runCheck(server, root, check));
      return { indexMs: server.indexMs, results };
    } finally {
      await server.stop();
    }
  } finally {
    workspace.dispose();
    cache.dispose();
  }
}
