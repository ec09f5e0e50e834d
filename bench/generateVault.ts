// Writes a synthetic notes vault for the benchmark: N notes built from the shapes the seed notes use
// (project tables, paper tables with arXiv links, project cards, linked headings, loose plain-text lists,
// fenced bash blocks, CJK and English prose, cross-note links, images), deterministic for a given seed.
//
//   node --import tsx bench/generateVault.ts [--notes 10000] [--seed 20240601] [--out .bench/vault-10000] [--force]
//
// The generator knows where every entity it wrote is mentioned, so the benchmark can aim hover and
// definition requests at real mentions without asking the server first.

import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { makeEntities } from './vault/entities';
import { folderOf, NOTES_PER_FOLDER, planNotes, type Counters } from './vault/notes';
import { renderNote } from './vault/noteRenderer';
import { mulberry32, Random } from './vault/random';

export { mulberry32 } from './vault/random';

/** Bump whenever the output for a given (notes, seed) changes, so stale vaults are regenerated. */
export const GENERATOR_VERSION = 1;
export const DEFAULT_SEED = 20240601;
export const MANIFEST_NAME = 'bench-manifest.json';
const SESSION_NOTES = 20;

export interface Probe {
  /** Path relative to the vault root, with forward slashes. */
  file: string;
  /** Zero-based line and UTF-16 column of the first character of the mention. */
  line: number;
  character: number;
  length: number;
  /** The text written at the position. */
  text: string;
  /** Whether the entity is defined in the same note. */
  local: boolean;
}

export interface VaultManifest {
  generatorVersion: number;
  notes: number;
  seed: number;
  bytes: number;
  folders: number;
  entities: { projects: number; papers: number; byShape: Record<string, number> };
  links: { crossNote: number; deadFile: number; deadFragment: number; images: number; deadImages: number };
  /** A note of about the median size with mentions of entities defined elsewhere: first hover and edits happen here. */
  typicalNote: { file: string; bytes: number; probes: Probe[] };
  /** Notes an editor session opens; their mentions are the hover and definition targets. */
  sessionNotes: Array<{ file: string; bytes: number; probes: Probe[] }>;
  largestNotes: Array<{ file: string; bytes: number }>;
  generatedInMs: number;
}

export interface VaultOptions {
  notes: number;
  seed?: number;
  dir?: string;
  force?: boolean;
  log?: (message: string) => void;
}

export function defaultVaultDir(notes: number): string {
  return path.resolve(__dirname, '..', '.bench', `vault-${notes}`);
}

/** Returns the vault for (notes, seed), generating it unless a folder with a matching manifest is already there. */
export function ensureVault(options: VaultOptions): { dir: string; manifest: VaultManifest; reused: boolean } {
  const seed = options.seed ?? DEFAULT_SEED;
  const dir = path.resolve(options.dir ?? defaultVaultDir(options.notes));
  const log = options.log ?? (() => undefined);
  if (!options.force) {
    const existing = readManifest(dir);
    if (existing && existing.generatorVersion === GENERATOR_VERSION && existing.notes === options.notes && existing.seed === seed) {
      return { dir, manifest: existing, reused: true };
    }
  }
  log(`generating ${options.notes} notes (seed ${seed}) into ${dir} ...`);
  const staging = `${dir}.partial-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  const manifest = generateVault(staging, options.notes, seed);
  writeFileSync(path.join(staging, MANIFEST_NAME), `${JSON.stringify(manifest, null, 1)}\n`);
  rmSync(dir, { recursive: true, force: true });
  renameSync(staging, dir);
  log(`generated ${manifest.notes} notes, ${(manifest.bytes / 1e6).toFixed(1)} MB in ${(manifest.generatedInMs / 1000).toFixed(1)} s`);
  return { dir, manifest, reused: false };
}

function readManifest(dir: string): VaultManifest | undefined {
  try {
    return JSON.parse(readFileSync(path.join(dir, MANIFEST_NAME), 'utf8')) as VaultManifest;
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------------
// The vault

function generateVault(root: string, notes: number, seed: number): VaultManifest {
  const started = Date.now();
  const random = new Random(mulberry32(seed));
  const entityCount = Math.min(4000, Math.max(200, Math.round(notes * 0.4)));
  const entities = makeEntities(random, entityCount, notes);
  const plans = planNotes(random, notes, entities);
  const counters: Counters = { crossNote: 0, deadFile: 0, deadFragment: 0, images: 0, deadImages: 0 };
  const folders = Math.ceil(notes / NOTES_PER_FOLDER);
  mkdirSync(root, { recursive: true });
  for (let folder = 0; folder < folders; folder++) {
    const assets = path.join(root, folderOf(folder * NOTES_PER_FOLDER), 'assets');
    mkdirSync(assets, { recursive: true });
    for (let image = 0; image < 5; image++) writeFileSync(path.join(assets, `fig-${image}.png`), PNG_1X1);
  }
  let bytes = 0;
  const sizes: Array<{ file: string; bytes: number }> = [];
  const probesByNote = new Map<number, Probe[]>();
  for (const plan of plans) {
    const writer = renderNote(random, plan, plans, entities, counters);
    const text = `${writer.lines.join('\n')}\n`;
    writeFileSync(path.join(root, plan.file), text);
    const size = Buffer.byteLength(text);
    bytes += size;
    sizes.push({ file: plan.file, bytes: size });
    probesByNote.set(plan.index, writer.probes);
  }
  const byShape: Record<string, number> = {};
  for (const entity of entities) byShape[entity.shape] = (byShape[entity.shape] ?? 0) + 1;

  // The typical note: about the median size, with several mentions of entities defined elsewhere.
  const sortedSizes = [...sizes].sort((a, b) => a.bytes - b.bytes);
  const median = sortedSizes[Math.floor(sortedSizes.length / 2)].bytes;
  const order = random.shuffle(plans.map((plan) => plan.index));
  const remote = (index: number) => (probesByNote.get(index) ?? []).filter((probe) => !probe.local);
  const typical =
    order.find((index) => Math.abs(sizes[index].bytes - median) <= median * 0.25 && remote(index).length >= 3) ??
    order.reduce((best, index) => (remote(index).length > remote(best).length ? index : best), order[0]);
  const session = order
    .filter((index) => index !== typical && sizes[index].bytes < 60_000 && (probesByNote.get(index)?.length ?? 0) >= 8)
    .slice(0, SESSION_NOTES);
  return {
    generatorVersion: GENERATOR_VERSION,
    notes,
    seed,
    bytes,
    folders,
    entities: {
      projects: entities.filter((entity) => entity.kind === 'project').length,
      papers: entities.filter((entity) => entity.kind === 'paper').length,
      byShape,
    },
    links: { ...counters },
    typicalNote: { file: plans[typical].file, bytes: sizes[typical].bytes, probes: remote(typical) },
    sessionNotes: session.map((index) => ({ file: plans[index].file, bytes: sizes[index].bytes, probes: probesByNote.get(index) ?? [] })),
    largestNotes: sortedSizes.slice(-5).reverse(),
    generatedInMs: Date.now() - started,
  };
}

/** A valid 1×1 transparent PNG, so that image links to existing files point at real images. */
const PNG_1X1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

export function hashOf(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

// ---------------------------------------------------------------------------------------------------
// Command line

function main(argv: string[]): void {
  let notes = 10_000;
  let seed = DEFAULT_SEED;
  let out: string | undefined;
  let force = false;
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index];
    if (arg === '--notes') notes = Number(argv[++index]);
    else if (arg === '--seed') seed = Number(argv[++index]);
    else if (arg === '--out') out = argv[++index];
    else if (arg === '--force') force = true;
    else if (arg === '--quick') notes = 1000;
    else throw new Error(`unknown option ${arg}`);
  }
  if (!Number.isInteger(notes) || notes < 10) throw new Error('--notes must be an integer of at least 10');
  if (!Number.isInteger(seed)) throw new Error('--seed must be an integer');
  const { dir, manifest, reused } = ensureVault({ notes, seed, dir: out, force, log: (message) => process.stdout.write(`${message}\n`) });
  process.stdout.write(
    `${reused ? 'reused' : 'wrote'} ${dir}: ${manifest.notes} notes, ${(manifest.bytes / 1e6).toFixed(1)} MB, ${manifest.entities.projects + manifest.entities.papers} entities\n`,
  );
}

if (require.main === module) {
  try {
    main(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`generateVault: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}
