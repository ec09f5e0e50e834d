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
import { DiagnosticsScheduler, type NoteDiagnostics } from '../features/links/diagnosticsScheduler';
import { ExternalRuns, type CheckProgress } from '../features/links/externalRuns';
import { FIX_ALL_KIND, fixAllInNote, quickFixes, type LinkFix } from '../features/links/fixes';
import type { LinkDiagnostic } from '../features/links/policy';
import { SERVER_COMMANDS } from '../../../common/protocol';
import type { ServerContext } from './context';

const LINK_CODE_ACTION_KINDS = [CodeActionKind.QuickFix, FIX_ALL_KIND];

export function capabilities(): ServerCapabilities {
  return {
    codeActionProvider: { codeActionKinds: LINK_CODE_ACTION_KINDS },
    executeCommandProvider: { commands: [SERVER_COMMANDS.checkExternalLinks] },
  };
}

/** Dead-link diagnostics (pushed), their quick fixes, and external link checks. */
export function register(context: ServerContext): void {
  const { connection } = context;
  const host = {
    logger: context.logger,
    index: () => context.index(),
    indexed: () => context.indexed(),
    settings: () => context.config().links,
  };
  const external = new ExternalRuns({ ...host, trusted: () => context.trusted(), storagePath: () => context.storagePath() }, (urls) =>
    diagnostics.webLinksChecked(urls),
  );
  const diagnostics = new DiagnosticsScheduler(
    {
      ...host,
      isOpen: (uri) => context.documents.get(uri) !== undefined,
      publish: (uri, found) => void connection.sendDiagnostics({ uri, diagnostics: toLspDiagnostics(found) }),
    },
    external.results,
  );

  context.onIndexChanged((index, changed) => {
    diagnostics.indexChanged(changed);
    external.notesChanged(index, changed);
  });

  context.addCodeActions(async ({ textDocument, context: request }) => {
    const { uri } = textDocument;
    const index = await context.ready(uri);
    if (!index?.has(uri) || !(await index.loadText(uri))) return [];
    await index.linkGraph.prepare([uri]);
    const current = diagnostics.current(index, uri);
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

  context.addCommand(SERVER_COMMANDS.checkExternalLinks, async (params, token, workDone) => {
    const abort = new AbortController();
    const cancel = () => abort.abort(new Error('the check was cancelled'));
    token.onCancellationRequested(cancel);
    return external.checkWorkspace(abort.signal, async (total) => {
      const progress =
        params.workDoneToken === undefined ? await connection.window.createWorkDoneProgress().catch(() => undefined) : workDone;
      progress?.begin('Marginalia', 0, `Checking ${total} external links`, true);
      (progress as { token?: CancellationToken } | undefined)?.token?.onCancellationRequested?.(cancel);
      return progress && progressReport(progress);
    });
  });
}

/** A workspace check's progress in the editor's progress bar. */
function progressReport(progress: WorkDoneProgressReporter): CheckProgress {
  return {
    report: (done, total) => progress.report(Math.round((done / Math.max(total, 1)) * 100), `Checked ${done}/${total} external links`),
    done: () => progress.done(),
  };
}

const SEVERITY = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information } as const;

/**
 * A note's diagnostics as the editor shows them. A note that could not be read or parsed says so where it
 * is open, as `check` does: otherwise it would only look like a note without cards or dead links.
 */
function toLspDiagnostics({ failure, diagnostics }: NoteDiagnostics): Diagnostic[] {
  const sent = diagnostics.map(toLspDiagnostic);
  if (!failure) return sent;
  const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  const code = failure.kind === 'unreadable' ? 'note.unreadable' : 'note.unparsed';
  const message = `${failure.reason}; its links, cards and mentions are not indexed`;
  return [{ range, severity: DiagnosticSeverity.Error, code, source: 'marginalia', message }, ...sent];
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
