import {
  CodeActionKind,
  DiagnosticSeverity,
  type CancellationToken,
  type CodeAction,
  type ServerCapabilities,
  type Diagnostic,
  type WorkDoneProgressReporter,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import type { NotesIndex } from '../index/notesIndex';
import type { NoteFacts } from '../parse/facts';
import { noteDiagnostics, noteDiagnosticsInSlices } from '../features/links/check';
import { pauseEvery } from '../index/pauses';
import { createExternalLinkChecker, type ExternalLinkChecker, type ExternalLinkResult } from '../features/links/external';
import { userCacheDirectory } from '../features/links/external/cacheDirectory';
import { FIX_ALL_KIND, fixAllInNote, quickFixes, type LinkFix } from '../features/links/fixes';
import type { LinkDiagnostic } from '../features/links/policy';
import { externalCheckOptions, webUrlsToCheck } from '../features/links/webLinks';
import { SERVER_COMMANDS, type ExternalCheckSummary } from '../../../common/protocol';
import type { ServerContext } from './context';

const LINK_CODE_ACTION_KINDS = [CodeActionKind.QuickFix, FIX_ALL_KIND];

export function capabilities(): ServerCapabilities {
  return {
    codeActionProvider: { codeActionKinds: LINK_CODE_ACTION_KINDS },
    executeCommandProvider: { commands: [SERVER_COMMANDS.checkExternalLinks] },
  };
}

/** How long edits settle before a note's links are checked again. */
const REFRESH_DELAY_MS = 50;
/** Beyond this many changed files at once, every note is checked again. */
const BULK_CHANGE = 100;
const NOTES_PER_SLICE = 100;
/** Automatic external checks of a note's new links wait longer: every keystroke is no new link. */
const EXTERNAL_DELAY_MS = 1500;

/** Dead-link diagnostics (pushed), their quick fixes, and external link checks. */
export function register(context: ServerContext): void {
  const { connection } = context;
  /** Notes whose last published diagnostics were not empty. */
  const published = new Set<string>();
  const externalResults = new Map<string, ExternalLinkResult>();
  const external = externalRunner(context, externalResults, (urls) => refresh(notesLinkingToUrls(urls)));
  let publishedIndex: NotesIndex | undefined;
  let pending = new Set<string>();
  /** Files changed since the last check: the notes linking to them are found when the check runs. */
  let changedFiles = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let flushing = Promise.resolve();
  /**
   * The last diagnostics of each large note open in the editor, with the facts they were found in: code
   * actions, asked for at every move of the cursor, reuse them while the note is unchanged.
   */
  let largeOpenNotes = new Map<string, { facts: NoteFacts; diagnostics: LinkDiagnostic[] }>();

  context.onIndexChanged((index, changed) => {
    for (const uri of changed) changedFiles.add(uri);
    refresh([]);
    if (context.config().links.external.enabled) external.scheduleAutomatic(changed.filter((uri) => index.has(uri)));
  });

  /** The changed notes, notes linking to a changed file, and notes whose wiki links may now resolve differently. */
  function affectedNotes(index: NotesIndex, changed: string[]): string[] {
    // After a full (re)index every note is checked anyway; asking who links to each would cost more.
    if (changed.length > BULK_CHANGE) return [...new Set([...changed, ...index.noteUris()])];
    const affected = new Set(changed);
    for (const uri of changed) for (const note of index.linkGraph.notesLinkingTo(uri)) affected.add(note);
    for (const note of index.linkGraph.wikiLinkingNotes()) affected.add(note);
    return [...affected];
  }

  function notesLinkingToUrls(urls: ReadonlySet<string>): string[] {
    const index = context.index();
    if (!index) return [];
    return index.noteUris().filter((uri) => webUrlsToCheck(index, [uri], context.config().links).some((url) => urls.has(url)));
  }

  function refresh(uris: Iterable<string>): void {
    for (const uri of uris) pending.add(uri);
    clearTimeout(timer);
    timer = setTimeout(() => {
      flushing = flushing.then(flush).catch((error) => context.logger.error(`link check failed: ${describe(error)}`));
    }, REFRESH_DELAY_MS);
  }

  async function flush(): Promise<void> {
    let index = context.index();
    // A start from the cache hands the whole vault to the link graph at once: reading it all would slow the
    // rest of the start, so checks wait for the start to finish (a cold start has read little of it by then).
    if (index && index.linkGraph.unsettled > BULK_CHANGE) {
      await context.indexed();
      index = context.index();
    }
    if (!index) return;
    // Who links to a changed file is known once the link graph has read every note, which after a warm
    // start takes a while: it reads them a slice at a time, so asking here keeps requests flowing.
    await index.linkGraph.prepare([]);
    const changed = [...changedFiles];
    changedFiles = new Set();
    const uris = [...new Set([...pending, ...affectedNotes(index, changed)])];
    pending = new Set();
    if (publishedIndex !== index) {
      // A new index (after a settings change) starts afresh: notes it no longer holds lose their diagnostics.
      for (const uri of published) if (!index.has(uri)) uris.push(uri);
      publishedIndex = index;
      largeOpenNotes = new Map();
    }
    await index.linkGraph.prepare(uris);
    if (context.index() !== index) return;
    const settings = context.config().links;
    for (const [position, uri] of uris.entries()) {
      // A whole vault's check takes seconds: requests and notifications go out between slices of it.
      if (position > 0 && position % NOTES_PER_SLICE === 0) await new Promise((resolve) => setImmediate(resolve));
      const diagnostics = !index.has(uri)
        ? []
        : index.isLarge(uri)
          ? await largeNoteDiagnostics(index, uri)
          : noteDiagnostics(index, uri, settings, externalResults);
      // A large note's check paused for requests, which may have replaced the index.
      if (context.index() !== index) return;
      const sent = [...failureDiagnostics(index, uri), ...diagnostics.map(toLspDiagnostic)];
      if (!sent.length && !published.has(uri)) continue;
      if (sent.length) published.add(uri);
      else published.delete(uri);
      void connection.sendDiagnostics({ uri, diagnostics: sent });
    }
  }

  /** A large note's diagnostics, found a slice at a time; kept while the note is open, for its code actions. */
  async function largeNoteDiagnostics(index: NotesIndex, uri: string): Promise<LinkDiagnostic[]> {
    const facts = await index.factsInSlices(uri);
    if (!facts) return [];
    const diagnostics = await noteDiagnosticsInSlices(index, uri, facts, context.config().links, externalResults, pauseEvery());
    if (context.documents.get(uri)) largeOpenNotes.set(uri, { facts, diagnostics });
    else largeOpenNotes.delete(uri);
    return diagnostics;
  }

  connection.onCodeAction(async ({ textDocument, context: request }) => {
    const { uri } = textDocument;
    const index = await context.ready(uri);
    if (!index?.has(uri) || !(await index.loadText(uri))) return [];
    await index.linkGraph.prepare([uri]);
    const checked = largeOpenNotes.get(uri);
    const current =
      checked && checked.facts === index.facts(uri) && !pending.has(uri)
        ? checked.diagnostics
        : noteDiagnostics(index, uri, context.config().links, externalResults);
    const fixes: LinkFix[] = [];
    const toCodeAction = codeActionMaker(
      uri,
      request.diagnostics,
      context.clientCapabilities().workspace?.workspaceEdit?.documentChanges === true,
    );
    const wants = (kind: string) =>
      !request.only || request.only.some((requested) => kind === requested || kind.startsWith(`${requested}.`));
    if (wants(CodeActionKind.QuickFix)) {
      const seen = new Set<string>();
      for (const sent of request.diagnostics) {
        const diagnostic = current.find((candidate) => sameDiagnostic(candidate, sent));
        if (!diagnostic) continue;
        for (const fix of quickFixes(index, uri, diagnostic, current)) {
          if (seen.has(fix.title)) continue;
          seen.add(fix.title);
          fixes.push(fix);
        }
      }
    }
    if (request.only && wants(FIX_ALL_KIND)) {
      const fix = fixAllInNote(index, uri, current);
      if (fix) fixes.push(fix);
    }
    // The fixes hold positions in the text they were found in. Edits typed since (the request waited for
    // the index) would shift them into the wrong place: then there are none, and the editor asks again.
    const version = versionOfText(context, uri, index.text(uri));
    return version === undefined ? [] : fixes.map((fix) => toCodeAction(fix, version));
  });

  connection.onExecuteCommand(async (params, token, workDone) => {
    if (params.command !== SERVER_COMMANDS.checkExternalLinks) return undefined;
    return external.checkWorkspace(token, params.workDoneToken === undefined ? undefined : workDone);
  });
}

/**
 * Runs the external checker: over the whole workspace on command, and over changed notes when the
 * setting turns automatic checks on. Never in an untrusted workspace, whatever the settings say.
 */
function externalRunner(context: ServerContext, results: Map<string, ExternalLinkResult>, onResults: (urls: ReadonlySet<string>) => void) {
  let checker: { key: string; checker: ExternalLinkChecker } | undefined;
  let queued = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  /** Without a folder from the editor, the user's own cache directory (undefined: memory only); looked up once. */
  let userCache: { dir: string | undefined } | undefined;

  function currentChecker(): ExternalLinkChecker {
    const cacheDir = context.storagePath() ?? (userCache ??= { dir: userCacheDirectory(context.logger) }).dir;
    const options = externalCheckOptions(context.config().links.external, cacheDir);
    const key = JSON.stringify(options);
    if (checker?.key !== key)
      checker = {
        key,
        checker: createExternalLinkChecker({
          ...options,
          onRequest: (request) => context.logger.info(`link check: ${request.method} ${request.url}`),
        }),
      };
    return checker.checker;
  }

  async function run(urls: string[], signal?: AbortSignal, report?: (done: number, total: number) => void): Promise<ExternalCheckSummary> {
    const found = await currentChecker().checkAll(urls, { signal, onProgress: (progress) => report?.(progress.done, progress.total) });
    for (const [url, result] of found) results.set(url, result);
    onResults(new Set(found.keys()));
    const count = (status: string) => [...found.values()].filter((result) => result.status === status).length;
    const dead = count('dead');
    const unverified = count('unverified');
    return {
      checked: found.size,
      dead,
      unverified,
      message: `Checked ${found.size} external links: ${dead} dead, ${unverified} could not be verified`,
    };
  }

  return {
    async checkWorkspace(token: CancellationToken, attached: WorkDoneProgressReporter | undefined): Promise<ExternalCheckSummary> {
      if (!context.trusted()) {
        return { checked: 0, dead: 0, unverified: 0, message: 'External links are checked only in trusted workspaces' };
      }
      await context.indexed();
      const index = context.index();
      if (!index) return { checked: 0, dead: 0, unverified: 0, message: 'The notes are not indexed yet' };
      const urls = webUrlsToCheck(index, index.noteUris(), context.config().links);
      const progress = attached ?? (await context.connection.window.createWorkDoneProgress().catch(() => undefined));
      progress?.begin('Marginalia', 0, `Checking ${urls.length} external links`, true);
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort(new Error('the check was cancelled')));
      (progress as { token?: CancellationToken } | undefined)?.token?.onCancellationRequested?.(() =>
        abort.abort(new Error('the check was cancelled')),
      );
      try {
        return await run(urls, abort.signal, (done, total) =>
          progress?.report(Math.round((done / Math.max(total, 1)) * 100), `Checked ${done}/${total} external links`),
        );
      } catch (error) {
        if (abort.signal.aborted) return { checked: 0, dead: 0, unverified: 0, message: 'The external link check was cancelled' };
        throw error;
      } finally {
        progress?.done();
      }
    },

    /** Links of these notes that were never checked are checked a little later, in the background. */
    scheduleAutomatic(uris: string[]): void {
      const index = context.index();
      if (!context.trusted() || !index) return;
      for (const url of webUrlsToCheck(index, uris, context.config().links)) if (!results.has(url)) queued.add(url);
      if (!queued.size) return;
      clearTimeout(timer);
      timer = setTimeout(() => {
        const urls = [...queued];
        queued = new Set();
        run(urls).catch((error) => context.logger.warn(`external link check failed: ${describe(error)}`));
      }, EXTERNAL_DELAY_MS);
    },
  };
}

const SEVERITY = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information } as const;

/**
 * A note that could not be read or parsed says so where it is open, as `check` does: otherwise it would
 * only look like a note without cards or dead links.
 */
function failureDiagnostics(index: NotesIndex, uri: string): Diagnostic[] {
  const failure = index.failures().get(uri);
  if (!failure) return [];
  const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  const code = failure.kind === 'unreadable' ? 'note.unreadable' : 'note.unparsed';
  return [
    {
      range,
      severity: DiagnosticSeverity.Error,
      code,
      source: 'marginalia',
      message: `${failure.reason}; its links, cards and mentions are not indexed`,
    },
  ];
}

function toLspDiagnostic(diagnostic: LinkDiagnostic): Diagnostic {
  return {
    range: diagnostic.range,
    severity: SEVERITY[diagnostic.severity],
    code: diagnostic.code,
    source: 'marginalia',
    message: diagnostic.message,
  };
}

function sameDiagnostic(ours: LinkDiagnostic, sent: Diagnostic): boolean {
  const code = typeof sent.code === 'object' && sent.code !== null ? (sent.code as { value: unknown }).value : sent.code;
  const [a, b] = [sent.range, ours.range];
  return (
    code === ours.code &&
    a.start.line === b.start.line &&
    a.start.character === b.start.character &&
    a.end.line === b.end.line &&
    a.end.character === b.end.character
  );
}

/**
 * The version of the open note whose text the fixes were found in (null for a note the editor does not
 * hold open); undefined when the editor's text has changed since.
 */
function versionOfText(context: ServerContext, uri: string, text: string | undefined): number | null | undefined {
  const document = context.documents.get(uri);
  if (!document) return null;
  return document.getText() === text ? document.version : undefined;
}

/**
 * Code actions of a note's fixes. Where the client takes versioned edits, each names the document version
 * it was made for, so that an editor whose text moved on refuses it instead of applying it in the wrong place.
 */
function codeActionMaker(uri: string, sent: Diagnostic[], versioned: boolean): (fix: LinkFix, version: number | null) => CodeAction {
  return (fix, version) => {
    const edit: WorkspaceEdit = versioned
      ? { documentChanges: [{ textDocument: { uri, version }, edits: fix.edits }] }
      : { changes: { [uri]: fix.edits } };
    return toCodeAction(fix, sent, edit);
  };
}

function toCodeAction(fix: LinkFix, sent: Diagnostic[], edit: WorkspaceEdit): CodeAction {
  // Attach the client's own diagnostic objects where they are the ones fixed, so the editor can match them.
  const diagnostics = fix.diagnostics.map((ours) => sent.find((candidate) => sameDiagnostic(ours, candidate)) ?? toLspDiagnostic(ours));
  return {
    title: fix.title,
    kind: fix.kind,
    diagnostics,
    ...(fix.edits.length ? { edit } : {}),
    ...(fix.command ? { command: fix.command } : {}),
    ...(fix.isPreferred ? { isPreferred: true } : {}),
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
