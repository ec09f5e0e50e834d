// Hover and definition latency in an editor session: the session notes are opened, then random mentions of
// them are hovered and looked up, one request at a time.

import { performance } from 'node:perf_hooks';
import type { Definition, Hover, LocationLink } from 'vscode-languageserver-protocol';
import { mulberry32, type Probe, type VaultManifest } from '../generateVault';
import type { LspSession } from '../lspSession';
import type { Options } from '../options';
import { summarize, type LatencySummary } from '../stats';
import { isAnswered, position } from './firstHover';
import { PhaseError } from './phase';

export interface LatencyResult {
  hover: LatencySummary;
  definition: LatencySummary;
  /** The phase's time ran short before `options.requests` requests of each kind. */
  stoppedEarly: boolean;
}

interface Target {
  uri: string;
  probe: Probe;
}

export async function measureLatency(
  session: LspSession,
  manifest: VaultManifest,
  options: Options,
  deadline: number,
): Promise<LatencyResult> {
  const targets = await openSessionNotes(session, manifest);
  const random = mulberry32(options.seed ^ 0x5bd1e995);
  const pick = () => targets[Math.floor(random() * targets.length)];
  const hover: number[] = [];
  const definition: number[] = [];
  let hoverAnswered = 0;
  let definitionAnswered = 0;
  let stoppedEarly = false;
  // Leave a third of the phase for the edits.
  const budgetEnd = performance.now() + Math.max(10_000, (deadline - performance.now()) / 3);
  for (let index = 0; index < options.requests; index++) {
    if (performance.now() > budgetEnd) {
      stoppedEarly = true;
      break;
    }
    const target = pick();
    let started = performance.now();
    const card = await session.connection.sendRequest<Hover | null>('textDocument/hover', params(target));
    hover.push(performance.now() - started);
    if (isAnswered(card)) hoverAnswered++;
    const other = pick();
    started = performance.now();
    const locations = await session.connection.sendRequest<Definition | LocationLink[] | null>('textDocument/definition', params(other));
    definition.push(performance.now() - started);
    if (isAnswered(locations)) definitionAnswered++;
  }
  return { hover: summarize(hover, hoverAnswered), definition: summarize(definition, definitionAnswered), stoppedEarly };
}

function params(target: Target) {
  return { textDocument: { uri: target.uri }, position: position(target.probe) };
}

/** Opens the session notes and lets each be parsed (one answered request per note); returns every mention to ask about. */
async function openSessionNotes(session: LspSession, manifest: VaultManifest): Promise<Target[]> {
  const targets: Target[] = [];
  for (const entry of manifest.sessionNotes) {
    const { uri } = await session.openFromDisk(entry.file);
    for (const probe of entry.probes) targets.push({ uri, probe });
  }
  const typicalUri = session.uri(manifest.typicalNote.file);
  for (const probe of manifest.typicalNote.probes) targets.push({ uri: typicalUri, probe });
  if (targets.length === 0) throw new PhaseError('the vault manifest lists no mentions to hover');
  // Let every opened note be parsed before timing: one answered request per note.
  for (const entry of manifest.sessionNotes) {
    const probe = entry.probes[0];
    if (probe)
      await session.connection.sendRequest('textDocument/hover', {
        textDocument: { uri: session.uri(entry.file) },
        position: position(probe),
      });
  }
  return targets;
}
