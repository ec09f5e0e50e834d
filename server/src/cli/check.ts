// `marginalia check [paths…]`: every dead link of notes folders and notes, for CI.
//
// Formats: compiler-style text (`file:line:col  severity  code  message` and a summary line), JSON (an
// array of {file, line, column, endLine, endColumn, severity, code, message}, 1-based), SARIF 2.1.0, or
// GitHub Actions annotations. Files are relative to the working directory.
// Settings come from the vault's .marginalia.jsonc (the nearest at or above the first path) or --config.
// Notes unchanged since the last run come from the index cache ($XDG_CACHE_HOME/marginalia, or
// --cache-dir); --no-cache neither reads nor writes it.
// Exit codes: 0 when no error is reported, 1 when one is, 2 for a bad command line or configuration,
// 3 when the tool itself failed (cli.ts).
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { readConfig, type MarginaliaConfig } from '../config';
import { createEngine } from '../engine';
import type { NoteFailure, NotesIndex } from '../index/notesIndex';
import { workspaceDiagnostics } from '../features/links/check';
import { severityRank, type Severity } from '../features/links/codes';
import { createExternalLinkChecker, type ExternalLinkResult } from '../features/links/external';
import type { LinkDiagnostic } from '../features/links/policy';
import { externalCheckOptions, webUrlsToCheck } from '../features/links/webLinks';
import { findVaultConfig, readVaultConfig, type VaultConfig } from '../workspace/vaultConfig';
import { parseArgs, stderrLogger, UsageError } from './args';
import { checkTargets } from './checkTargets';
import { FORMATS, formatReport, type CheckReportEntry, type ReportFormat } from './checkReport';
import { VERSION } from '../version';

export const CHECK_USAGE = 'check [paths…]   report dead links in notes folders and notes (exit 1 when any is an error)';

export const CHECK_HELP = `Usage: marginalia check [options] [paths…]

Reports dead links in the notes under each path (a folder or a note; the current folder if none).

Options:
  -f, --format FORMAT     text (default), json, sarif or github (annotations in GitHub Actions)
  -s, --severity LEVEL    report only problems at least this severe: error, warning or info (default)
  -c, --config FILE       settings file to use instead of the nearest .marginalia.jsonc
      --cache-dir DIR     keep the index cache here (CI can save it between runs)
      --no-cache          neither read nor write the index cache
      --external          also check http(s) links over the network
      --allow-host HOSTS  with --external: hosts or addresses the guard against local addresses lets through
  -h, --help              show this help

Exit codes: 0 no errors, 1 errors found, 2 bad command line or configuration, 3 the tool failed.`;

export async function checkCommand(args: string[]): Promise<number> {
  const { positional, options, flags } = parseArgs(
    args,
    { format: [...FORMATS], severity: ['error', 'warning', 'info'], 'allow-host': [], config: [], 'cache-dir': [] },
    ['external', 'no-cache'],
    { f: 'format', s: 'severity', c: 'config' },
  );
  if (options['allow-host'] !== undefined && !flags.has('external')) throw new UsageError('--allow-host only applies with --external');
  if (options['cache-dir'] !== undefined && flags.has('no-cache')) throw new UsageError('--cache-dir and --no-cache contradict each other');
  const targets = await checkTargets(positional.length ? positional : ['.']);
  const config = await loadConfig(options.config, targets.folders[0]);
  const engine = createEngine({
    folders: targets.folders,
    config,
    logger: stderrLogger(),
    parser: { kind: 'batch' },
    cache: !flags.has('no-cache'),
    storagePath: options['cache-dir'] ? path.resolve(options['cache-dir']) : undefined,
  });
  const { index } = engine;
  let diagnostics: Map<string, LinkDiagnostic[]>;
  try {
    await engine.indexWorkspace();
    await engine.flush();
    const allowList = [...config.links.external.allowList, ...hostList(options['allow-host'])];
    const external = flags.has('external') ? await checkExternal(index, config, allowList) : undefined;
    diagnostics = await workspaceDiagnostics(index, config.links, external);
    // Notes whose cached facts were damaged answered with none and are parsed again: check them again.
    if (await index.repaired()) {
      diagnostics = await workspaceDiagnostics(index, config.links, external);
      await engine.flush();
    }
  } finally {
    engine.dispose();
  }
  const asked = (uri: string) => targets.includes(URI.parse(uri).fsPath);
  const minimum = severityRank((options.severity as Severity | undefined) ?? 'info');
  const failures = failureEntries(new Map([...index.failures()].filter(([uri]) => asked(uri))));
  const found = new Map([...diagnostics].filter(([uri]) => asked(uri)));
  const entries = [...failures, ...toEntries(found)].filter((entry) => severityRank(entry.severity) >= minimum);
  const notes = index.noteUris().filter(asked).length;
  const format = (options.format as ReportFormat | undefined) ?? 'text';
  await writeOut(formatReport(format, entries, { notes, failed: failures.length, version: VERSION }));
  return entries.some((entry) => entry.severity === 'error') ? 1 : 0;
}

/** The settings file given, or the vault's; any mistake in it is a configuration error (exit 2), not a guess. */
async function loadConfig(file: string | undefined, firstFolder: string): Promise<MarginaliaConfig> {
  let vault: VaultConfig | undefined;
  if (file !== undefined) {
    vault = await readVaultConfig(path.resolve(file)).catch((error: NodeJS.ErrnoException) => {
      throw new UsageError(error.code === 'ENOENT' ? `no such config file: ${file}` : `cannot read ${file}: ${error.message}`);
    });
  } else {
    vault = await findVaultConfig(firstFolder);
  }
  const problems = [...(vault?.problems ?? [])];
  const config = readConfig(vault?.settings ?? {}, (problem) => problems.push(`${vault?.file}: ${problem}`));
  if (problems.length) throw new ConfigError(problems.join('\n'));
  return config;
}

/** A settings file that cannot be used as written: reported without the usage text, exit 2. */
export class ConfigError extends Error {}

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

async function checkExternal(index: NotesIndex, config: MarginaliaConfig, allowList: string[]): Promise<Map<string, ExternalLinkResult>> {
  const urls = webUrlsToCheck(index, index.noteUris(), config.links);
  if (process.stderr.isTTY) process.stderr.write(`checking ${urls.length} external links…\n`);
  // No disk cache: a CI run should see the web as it is now.
  const options = externalCheckOptions({ ...config.links.external, allowList }, undefined);
  return createExternalLinkChecker(options).checkAll(urls);
}

/** A note that could not be read or parsed is an error of its own: its links went unchecked. */
function failureEntries(failures: ReadonlyMap<string, NoteFailure>): CheckReportEntry[] {
  return [...failures].map(([uri, failure]) => ({
    file: displayPath(uri),
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: 1,
    severity: 'error',
    code: failure.kind === 'unreadable' ? 'note.unreadable' : 'note.unparsed',
    message: `${failure.reason}; its links were not checked`,
  }));
}

/** Relative to the working directory, as CI annotations and terminals want it; absolute when outside it. */
function displayPath(uri: string): string {
  const file = URI.parse(uri).fsPath;
  const relative = path.relative(process.cwd(), file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative.split(path.sep).join('/');
}

function toEntries(diagnostics: Map<string, LinkDiagnostic[]>): CheckReportEntry[] {
  const entries: CheckReportEntry[] = [];
  for (const [uri, list] of diagnostics) {
    const file = displayPath(uri);
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
