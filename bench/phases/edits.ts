// Edit → diagnostics in an editor session: a line with a link to a missing note is appended, as a typing
// user would, and the diagnostics of that version are waited for.

import { performance } from 'node:perf_hooks';
import { sleep, withTimeout, type LspSession } from '../lspSession';
import { summarize, type LatencySummary } from '../stats';

/** The first edit waits this long for diagnostics before concluding that the server publishes none. */
const FIRST_DIAGNOSTICS_WAIT_MS = 2000;
const LATER_DIAGNOSTICS_WAIT_MS = 5000;
const EDITS = 40;

export type EditSummary = LatencySummary & { missed: number };

/** Null when the server publishes no diagnostics for the first edit at all. */
export async function measureEdits(
  session: LspSession,
  uri: string,
  original: string,
  deadline: number,
  note: (message: string) => void,
): Promise<EditSummary | null> {
  await sleep(300);
  let text = original.endsWith('\n') ? original : `${original}\n`;
  if (text !== original) {
    await session.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text }] });
  }
  let version = text !== original ? 2 : 1;
  const samples: number[] = [];
  let missed = 0;
  for (let edit = 0; edit < EDITS; edit++) {
    if (performance.now() > deadline - LATER_DIAGNOSTICS_WAIT_MS) {
      note(`edit → diagnostics stopped after ${edit} edits: phase time limit`);
      break;
    }
    version++;
    const lines = text.split('\n');
    const at = { line: lines.length - 1, character: lines[lines.length - 1].length };
    const inserted = `参考 [失效链接 ${edit}](missing-note-${edit}.md)\n`;
    text += inserted;
    const arrivedAfter = await editAndWait(session, {
      uri,
      version,
      at,
      inserted,
      wait: edit === 0 ? FIRST_DIAGNOSTICS_WAIT_MS : LATER_DIAGNOSTICS_WAIT_MS,
    });
    if (arrivedAfter === undefined) {
      if (edit === 0) {
        note(
          `server publishes no diagnostics yet (none for ${uri.split('/').slice(-2).join('/')} flagging a newly added dead link within ${FIRST_DIAGNOSTICS_WAIT_MS} ms of the edit)`,
        );
        return null;
      }
      missed++;
      continue;
    }
    samples.push(arrivedAfter);
    await sleep(30);
  }
  return { ...summarize(samples), missed };
}

interface Edit {
  uri: string;
  version: number;
  at: { line: number; character: number };
  inserted: string;
  wait: number;
}

/** Sends one edit; the time until its diagnostics, or undefined when none came within `wait` ms. */
async function editAndWait(session: LspSession, { uri, version, at, inserted, wait }: Edit): Promise<number | undefined> {
  // Versioned diagnostics must carry this version; unversioned ones must flag the link just added, so a
  // late publish for an earlier edit is not taken for this one.
  const waiter = session.waitForDiagnostics(uri, (params) =>
    typeof params.version === 'number'
      ? params.version === version
      : params.diagnostics.some((diagnostic) => diagnostic.range.start.line === at.line),
  );
  const sent = performance.now();
  await session.connection.sendNotification('textDocument/didChange', {
    textDocument: { uri, version },
    contentChanges: [{ range: { start: at, end: at }, text: inserted }],
  });
  const arrived = await withTimeout(waiter.promise, wait, 'no diagnostics').catch(() => undefined);
  waiter.cancel();
  return arrived === undefined ? undefined : arrived - sent;
}
