// `marginalia check <dir>`: every dead link of a notes folder, compiler-style, for CI.
//
// Output: one line per problem, `file:line:col  severity  code  message`, then a summary line; or,
// with --format json, an array of {file, line, column, endLine, endColumn, severity, code, message}
// with 1-based positions and `file` relative to <dir>.
// --severity LEVEL reports only problems at least that severe (error > warning > info).
// --external also checks http(s) links over the network (the address guard stays on; --allow-host
// lets named hosts or addresses through, e.g. a test server on 127.0.0.1).
// Notes unchanged since the last run (of the CLI, or of the server on the same folder without an editor
// storage folder) come from the index cache in $XDG_CACHE_HOME/marginalia; --no-cache neither reads nor writes it.
// A note that could not be read or parsed is reported as an error (code note.unreadable or note.unparsed).
// Exit codes: 0 when no error is reported, 1 when one is, 2 for a bad command line.

import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { DEFAULT_CONFIG } from '../config';
import { createEngine } from '../engine';
import type { NoteFailure, NotesIndex } from '../index/notesIndex';
import { workspaceDiagnostics } from '../features/links/check';
import { severityRank, type Severity } from '../features/links/codes';
import { createExternalLinkChecker, type ExternalLinkResult } from '../features/links/external';
import type { LinkDiagnostic } from '../features/links/policy';
import { externalCheckOptions, webUrlsToCheck } from '../features/links/webLinks';
import { existingDirectory, parseArgs, stderrLogger, UsageError } from './args';
import { terminalSafe } from './terminalText';

export const CHECK_USAGE =
  'check <dir> [--format text|json] [--severity error|warning|info] [--external [--allow-host HOST,...]] [--no-cache]   report dead links (exit 1 when any is an error)';

export interface CheckReportEntry {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: Severity;
  code: string;
  message: string;
}

export async function checkCommand(args: string[]): Promise<number> {
  const { positional, options, flags } = parseArgs(
    args,
    { format: ['text', 'json'], severity: ['error', 'warning', 'info'], 'allow-host': [] },
    ['external', 'no-cache'],
  );
  if (positional.length !== 1)
    throw new UsageError(positional.length ? `check takes one notes folder, not ${positional.length}` : 'check needs a notes folder');
  if (options['allow-host'] !== undefined && !flags.has('external')) throw new UsageError('--allow-host only applies with --external');
  const root = await existingDirectory(positional[0]);
  const engine = createEngine({ folders: [root], logger: stderrLogger(), parser: { kind: 'batch' }, cache: !flags.has('no-cache') });
  const { index } = engine;
  const settings = DEFAULT_CONFIG.links;
  let external: Map<string, ExternalLinkResult> | undefined;
  let diagnostics: Map<string, LinkDiagnostic[]>;
  try {
    await engine.indexWorkspace();
    await engine.flush();
    external = flags.has('external') ? await checkExternal(index, hostList(options['allow-host'])) : undefined;
    diagnostics = await workspaceDiagnostics(index, settings, external);
    // Notes whose cached facts were damaged answered with none and are parsed again: check them again.
    if (await index.repaired()) {
      diagnostics = await workspaceDiagnostics(index, settings, external);
      await engine.flush();
    }
  } finally {
    engine.dispose();
  }
  const minimum = severityRank((options.severity as Severity | undefined) ?? 'info');
  const failures = failureEntries(root, index.failures());
  const entries = [...failures, ...toEntries(root, diagnostics)].filter((entry) => severityRank(entry.severity) >= minimum);
  await writeOut(
    options.format === 'json' ? `${JSON.stringify(entries, null, 2)}\n` : formatText(entries, index.noteUris().length, failures.length),
  );
  return entries.some((entry) => entry.severity === 'error') ? 1 : 0;
}

/** Resolves once the text has left the process: exiting earlier cuts a long report short when stdout is a pipe. */
function writeOut(text: string): Promise<void> {
  return new Promise((resolve, reject) => process.stdout.write(text, (error) => (error ? reject(error) : resolve())));
}

function hostList(value: string | undefined): string[] {
  if (value === undefined) return [];
  const hosts = value
    .split(',')
    .map((host) => host.trim())
    .filter(Boolean);
  if (!hosts.length) throw new UsageError('--allow-host needs at least one host name or address');
  return hosts;
}

async function checkExternal(index: NotesIndex, allowList: string[]): Promise<Map<string, ExternalLinkResult>> {
  const urls = webUrlsToCheck(index, index.noteUris(), DEFAULT_CONFIG.links);
  if (process.stderr.isTTY) process.stderr.write(`checking ${urls.length} external links…\n`);
  // No disk cache: a CI run should see the web as it is now.
  const options = externalCheckOptions({ ...DEFAULT_CONFIG.links.external, allowList }, undefined);
  return createExternalLinkChecker(options).checkAll(urls);
}

/** A note that could not be read or parsed is an error of its own: its links went unchecked. */
function failureEntries(root: string, failures: ReadonlyMap<string, NoteFailure>): CheckReportEntry[] {
  return [...failures].map(([uri, failure]) => ({
    file: relativeFile(root, uri),
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: 1,
    severity: 'error',
    code: failure.kind === 'unreadable' ? 'note.unreadable' : 'note.unparsed',
    message: `${failure.reason}; its links were not checked`,
  }));
}

function relativeFile(root: string, uri: string): string {
  return path.relative(root, URI.parse(uri).fsPath).split(path.sep).join('/');
}

function toEntries(root: string, diagnostics: Map<string, LinkDiagnostic[]>): CheckReportEntry[] {
  const entries: CheckReportEntry[] = [];
  for (const [uri, list] of diagnostics) {
    const file = path.relative(root, URI.parse(uri).fsPath).split(path.sep).join('/');
    for (const diagnostic of list) {
      entries.push({
        file,
        line: diagnostic.range.start.line + 1,
        column: diagnostic.range.start.character + 1,
        endLine: diagnostic.range.end.line + 1,
        endColumn: diagnostic.range.end.character + 1,
        severity: diagnostic.severity,
        code: diagnostic.code,
        message: diagnostic.message,
      });
    }
  }
  return entries.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column));
}

function formatText(entries: CheckReportEntry[], notes: number, failed: number): string {
  const lines = entries.map((entry) =>
    terminalSafe(`${entry.file}:${entry.line}:${entry.column}  ${entry.severity}  ${entry.code}  ${entry.message}`),
  );
  const count = (severity: Severity) => entries.filter((entry) => entry.severity === severity).length;
  const summary = entries.length
    ? `${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')}, ${plural(count('info'), 'info')} in ${plural(notes, 'note')}`
    : `No link problems in ${plural(notes, 'note')}`;
  const unchecked = failed ? `; ${plural(failed, 'note')} could not be read or parsed` : '';
  return [...lines, summary + unchecked].join('\n') + '\n';
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 || noun === 'info' ? '' : 's'}`;
}
