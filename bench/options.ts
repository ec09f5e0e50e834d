// The command line of `npm run bench`.

import * as path from 'node:path';
import { DEFAULT_SEED } from './generateVault';
import { ROOT } from './paths';

export interface Options {
  notes: number;
  seed: number;
  out: string;
  requests: number;
  phaseTimeoutMs: number;
  mode: 'quick' | 'full' | 'custom';
  /** Size of the large note of the large-note phase; 0 leaves the phase out. */
  largeNoteMb: number;
  /** Runs this phase alone (on the vault and cache the last full run left), instead of every phase. */
  only?: SinglePhase;
}

/** The phases that can run alone: those that need nothing measured by the others. */
export const SINGLE_PHASES = ['completion'] as const;
export type SinglePhase = (typeof SINGLE_PHASES)[number];

const USAGE =
  'Usage: npm run bench -- [--quick | --notes N] [--out FILE] [--seed S] [--requests R] [--phase-timeout SECONDS] [--large-note-mb MB] [--only completion]\n';

interface RawOptions {
  notes: number;
  mode: Options['mode'];
  out?: string;
  seed: number;
  requests: number;
  phaseTimeoutS?: number;
  largeNoteMb?: number;
  only?: string;
}

export function parseOptions(argv: string[]): Options {
  const raw = readArguments(argv);
  const { notes, seed, requests, mode } = raw;
  if (!Number.isInteger(notes) || notes < 10) throw new Error('--notes must be an integer of at least 10');
  if (!Number.isInteger(seed)) throw new Error('--seed must be an integer');
  if (!Number.isInteger(requests) || requests < 1) throw new Error('--requests must be a positive integer');
  // Generous by default: about 40 ms a note, at least two minutes; a phase past it is reported, not waited out.
  const phaseTimeoutMs = raw.phaseTimeoutS !== undefined ? raw.phaseTimeoutS * 1000 : Math.max(120_000, notes * 40);
  if (!(phaseTimeoutMs > 0)) throw new Error('--phase-timeout must be a positive number of seconds');
  // The large note is 50 MB; a quick run makes do with 10.
  const largeNoteMb = raw.largeNoteMb ?? (mode === 'quick' ? 10 : 50);
  if (!(Number.isInteger(largeNoteMb) && largeNoteMb >= 0))
    throw new Error('--large-note-mb must be a whole number of megabytes (0 leaves the phase out)');
  if (raw.only !== undefined && !(SINGLE_PHASES as readonly string[]).includes(raw.only))
    throw new Error(`--only takes one of: ${SINGLE_PHASES.join(', ')}`);
  const only = raw.only as SinglePhase | undefined;
  // A phase run alone leaves the last full run's results where they are.
  const out = raw.out ?? path.join(ROOT, 'bench', 'results', only ? `only-${only}.json` : 'latest.json');
  return { notes, seed, out, requests, phaseTimeoutMs, mode, largeNoteMb, ...(only ? { only } : {}) };
}

function readArguments(argv: string[]): RawOptions {
  const raw: RawOptions = {
    notes: 10_000,
    mode: 'full',
    seed: DEFAULT_SEED,
    requests: 2000,
  };
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index];
    const value = (): string => {
      const next = argv[++index];
      if (next === undefined) throw new Error(`${arg} needs a value`);
      return next;
    };
    if (arg === '--quick') {
      raw.notes = 1000;
      raw.mode = 'quick';
    } else if (arg === '--notes') {
      raw.notes = Number(value());
      raw.mode = raw.notes === 10_000 ? 'full' : 'custom';
    } else if (arg === '--out') raw.out = path.resolve(value());
    else if (arg === '--seed') raw.seed = Number(value());
    else if (arg === '--requests') raw.requests = Number(value());
    else if (arg === '--phase-timeout') raw.phaseTimeoutS = Number(value());
    else if (arg === '--large-note-mb') raw.largeNoteMb = Number(value());
    else if (arg === '--only') raw.only = value();
    else if (arg === '-h' || arg === '--help') {
      process.stdout.write(USAGE);
      process.exit(0);
    } else throw new Error(`unknown option ${arg}`);
  }
  return raw;
}
