// Completion latency: a server on the vault, with the cache the earlier phases left. The session notes are
// opened with a line per kind of completion added at their end (`completionLines.ts`); then completions are
// asked at random points inside those lines, one request at a time, as if the text were being typed.

import { performance } from 'node:perf_hooks';
import type { CompletionList } from 'vscode-languageserver-protocol';
import { completionLines, type CompletionKind } from '../completionLines';
import { mulberry32 } from '../generateVault';
import { LspSession, sleep, withTimeout } from '../lspSession';
import { summarize, type LatencySummary } from '../stats';
import { describeWithLog, PhaseError, runPhase, type BenchContext, type LiveServer } from './phase';

export interface CompletionResult {
  completion: LatencySummary | null;
  /** `completion` of the report's metrics, when the phase finished. */
  metric?: Record<string, unknown>;
}

interface Target {
  uri: string;
  kind: CompletionKind;
  line: number;
  from: number;
  to: number;
  /** The note's text as opened, completion lines included. */
  noteText: string;
}

export async function measureCompletion(context: BenchContext): Promise<CompletionResult> {
  const live: LiveServer = {};
  try {
    return await runPhase(
      'completion latency (link paths, anchors, reference labels, wiki links, entity names)',
      context.options.phaseTimeoutMs,
      async (deadline) => {
        live.session = await LspSession.start(context.vault, { env: context.cache.env });
        await withTimeout(live.session.waitUntilReady(), Math.max(1, deadline - performance.now()), 'the server did not finish indexing');
        return await measure(context, live.session, deadline);
      },
      () => live.session?.stop() ?? Promise.resolve(),
    );
  } catch (error) {
    context.journal.fail(describeWithLog(error, live));
    return { completion: null };
  }
}

async function measure(
  { manifest, options, vault, journal }: BenchContext,
  session: LspSession,
  deadline: number,
): Promise<CompletionResult> {
  const targets = await openWithCompletionLines(session, vault, manifest.sessionNotes);
  if (targets.length === 0) throw new PhaseError('the vault manifest lists no session notes');
  // Once per kind, untimed: the first request after the notes opened builds the lookups an edit would rebuild.
  for (const target of targets) await complete(session, target, target.to);
  const random = mulberry32(options.seed ^ 0x2545f491);
  const samples: number[] = [];
  const byKind = new Map<CompletionKind | 'typing', number[]>();
  let answered = 0;
  for (let index = 0; index < options.requests && performance.now() < deadline - 5000; index++) {
    const target = targets[Math.floor(random() * targets.length)];
    const cursor = target.from + Math.floor(random() * (target.to - target.from + 1));
    const started = performance.now();
    const list = await complete(session, target, cursor);
    const ms = performance.now() - started;
    samples.push(ms);
    const ofKind = byKind.get(target.kind) ?? [];
    ofKind.push(ms);
    byKind.set(target.kind, ofKind);
    if (list && list.items.length > 0) answered++;
  }
  if (samples.length < options.requests) journal.note(`completion stopped at ${samples.length} requests: phase time limit`);
  const typing = await typeAndComplete(
    session,
    targets.find((target) => target.kind === 'path')!,
    deadline,
  );
  samples.push(...typing);
  byKind.set('typing', typing);
  const completion = summarize(samples, answered);
  const kinds = Object.fromEntries([...byKind].map(([kind, values]) => [kind, summarize(values)]));
  return {
    completion,
    metric: {
      ...completion,
      byKind: kinds,
      how: 'fourth server, after the earlier phases (with their cache), once indexing is done: the session notes are opened with one line per kind of completion appended; completions are asked at random points inside those lines, one at a time, after one untimed request per line',
    },
  };
}

/** Keystrokes typed in an editor, in a link's path: each change is sent with its completion request at once, then a pause. */
const KEYSTROKES = 200;
const PAUSE_BETWEEN_KEYSTROKES_MS = 100;

/**
 * Types the path of one completion line a character at a time, asking for completions after each change
 * as an editor does: each request finds the index changed by the keystroke before, so its lookups are rebuilt.
 */
async function typeAndComplete(session: LspSession, target: Target, deadline: number): Promise<number[]> {
  const { uri, line } = target;
  const lines = target.noteText.split('\n');
  const written = lines[line];
  const samples: number[] = [];
  for (let stroke = 0; stroke < KEYSTROKES && performance.now() < deadline - 5000; stroke++) {
    const cursor = target.from + (stroke % (target.to - target.from + 1));
    lines[line] = written.slice(0, cursor);
    const change = { textDocument: { uri, version: 3 + stroke }, contentChanges: [{ text: lines.join('\n') }] };
    await session.connection.sendNotification('textDocument/didChange', change);
    const started = performance.now();
    await complete(session, target, cursor);
    samples.push(performance.now() - started);
    await sleep(PAUSE_BETWEEN_KEYSTROKES_MS);
  }
  return samples;
}

async function complete(session: LspSession, target: Target, character: number): Promise<CompletionList | null> {
  return session.connection.sendRequest<CompletionList | null>('textDocument/completion', {
    textDocument: { uri: target.uri },
    position: { line: target.line, character },
  });
}

/** Opens each session note with the completion lines at its end; returns where each line is. */
async function openWithCompletionLines(
  session: LspSession,
  vault: string,
  notes: BenchContext['manifest']['sessionNotes'],
): Promise<Target[]> {
  const targets: Target[] = [];
  for (const note of notes) {
    const { uri, text } = await session.openFromDisk(note.file);
    const lines = completionLines(vault, note.file, text, note.probes);
    const first = text.split('\n').length;
    const edited = `${text}\n${lines.map((line) => line.text).join('\n')}\n`;
    await session.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ text: edited }],
    });
    lines.forEach((line, index) =>
      targets.push({ uri, kind: line.kind, line: first + index, from: line.from, to: line.text.length, noteText: edited }),
    );
    // A hover waits for the note's parse: the requests then find its facts read.
    await session.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } });
  }
  return targets;
}
