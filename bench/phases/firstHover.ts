// What an editor restoring a tab does right after start, shared by the cold start and the editor session,
// and the hover position of a probe that every phase asks about.

import { performance } from 'node:perf_hooks';
import type { Definition, Hover, LocationLink } from 'vscode-languageserver-protocol';
import type { Probe, VaultManifest } from '../generateVault';
import { sleep, withTimeout, type LspSession } from '../lspSession';
import { PhaseError } from './phase';

export interface FirstHover {
  /** From spawn to the first non-empty hover. */
  ms: number;
  attempts: number;
  answeredBeforeIndexingFinished: boolean;
  probe: Probe;
  uri: string;
  text: string;
}

/** The middle of a probe's mention. */
export function position(probe: Probe) {
  return { line: probe.line, character: probe.character + Math.floor(probe.length / 2) };
}

export function isAnswered(result: Hover | Definition | LocationLink[] | null | undefined): boolean {
  if (!result) return false;
  if (Array.isArray(result)) return result.length > 0;
  return true;
}

/**
 * Opens the typical note and asks for a hover on its first mention every 20 ms until one is answered
 * with a card.
 */
export async function firstHoverAfterStart(
  session: LspSession,
  typical: VaultManifest['typicalNote'],
  deadline: number,
): Promise<FirstHover> {
  const { uri, text } = await session.openFromDisk(typical.file);
  const probe = typical.probes[0];
  if (!probe) throw new PhaseError(`the typical note ${typical.file} has no mentions to hover`);
  let attempts = 0;
  for (;;) {
    if (performance.now() > deadline) throw new PhaseError(`no hover answer within the phase limit after ${attempts} attempts`);
    attempts++;
    const hover = await withTimeout(
      session.connection.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri }, position: position(probe) }),
      Math.max(1, deadline - performance.now()),
      'hover did not answer within the phase limit',
    );
    if (isAnswered(hover)) break;
    await sleep(20);
  }
  const ms = session.elapsedSinceSpawn();
  return { ms, attempts, answeredBeforeIndexingFinished: session.readyAt === undefined, probe, uri, text };
}
