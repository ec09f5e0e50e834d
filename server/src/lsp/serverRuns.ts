// `marginalia.runSnippetOnServer`: runs a snippet in the server's process for editors without a runner
// of their own (Neovim, Helix), with the runner, limits and settings the VS Code client uses. Offered only
// to a client that asks for it and says the workspace is trusted (see ServerContext.serverRunsSnippets).
// The result comes back as data and as a message line, since some editors drop a command's result.
import * as path from 'node:path';
import {
  ErrorCodes,
  LSPErrorCodes,
  MessageType,
  ResponseError,
  ShowMessageNotification,
  type CancellationToken,
  type ClientCapabilities,
  type ServerCapabilities,
} from 'vscode-languageserver/node';
import { URI } from 'vscode-uri';
import { SERVER_COMMANDS, type ServerSnippetRun } from '../../../common/protocol';
import { killAllRunsNow } from '../../../common/runner/processGroup';
import type { RunnableBlock } from '../../../common/runner/runnable';
import { defaultScratchBase } from '../../../common/runner/scratch';
import { blockLabel, RunSession } from '../../../common/runner/session';
import { runLog, runMessage, runQuestion, serverSnippetRun } from '../features/snippetRunReport';
import { findLensBlock, serverSnippetArgs } from '../features/snippetTarget';
import type { ServerContext } from './context';
import type { ClientDeclarations } from './features';
import { noteRunnables } from './runnables';

export function capabilities(_client: ClientCapabilities, declared: ClientDeclarations): ServerCapabilities {
  return declared.serverRunsSnippets() ? { executeCommandProvider: { commands: [SERVER_COMMANDS.runSnippetOnServer] } } : {};
}

/** A run that does not happen, with the reason the editor shows. */
class Refusal extends Error {
  constructor(
    message: string,
    readonly code: number = LSPErrorCodes.RequestFailed,
  ) {
    super(message);
  }
}

export function register(context: ServerContext): void {
  /** Blocks running now (`uri#line`): a second click on the same lens waits for no second run. */
  const running = new Set<string>();
  // Snippets run in process groups of their own: none may outlive the server, however it ends.
  process.on('exit', () => killAllRunsNow());

  context.addCommand(SERVER_COMMANDS.runSnippetOnServer, async (params, token) => {
    try {
      return await runFromLens(context, params.arguments?.[0], token, running);
    } catch (error) {
      if (!(error instanceof Refusal)) throw error;
      // Said twice: some editors show neither a failed command's error nor its result.
      showMessage(context, MessageType.Error, `Marginalia: ${error.message}`);
      return new ResponseError(error.code, error.message);
    }
  });
}

async function runFromLens(
  context: ServerContext,
  value: unknown,
  token: CancellationToken,
  running: Set<string>,
): Promise<ServerSnippetRun> {
  refuseUntrusted(context);
  const args = serverSnippetArgs(value);
  if (!args)
    throw new Refusal('a snippet run takes the argument of its ▶ Run lens: { uri, line, name?, digest }', ErrorCodes.InvalidParams);
  const uri = URI.parse(args.uri);
  // A relative `cwd=` and the scratch directory are both read from the note's path.
  if (uri.scheme !== 'file') throw new Refusal(`save ${args.uri} as a file first: a snippet runs from the note's folder`);
  const blocks = await noteRunnables(context, args.uri);
  if (!blocks) throw new Refusal(`${args.uri} is not a note of this workspace; nothing was run`);
  const found = findLensBlock(blocks, args);
  if ('problem' in found) throw new Refusal(found.problem);
  const key = `${args.uri}#${found.block.line}`;
  const label = blockLabel(path.basename(uri.fsPath), found.block);
  if (running.has(key)) throw new Refusal(`${label} is already running; nothing else was started`);
  running.add(key);
  try {
    return await runBlock(context, uri.fsPath, found.block, label, token);
  } finally {
    running.delete(key);
  }
}

function refuseUntrusted(context: ServerContext): void {
  if (context.serverRunsSnippets()) return;
  throw new Refusal(
    context.trusted()
      ? 'the server runs snippets only for an editor that sets serverRunsSnippets: true in its initializationOptions; nothing was run'
      : 'the server runs snippets only in a workspace the editor says is trusted (initializationOptions.trusted: true); nothing was run',
  );
}

/** Runs one block with the `marginalia.snippets.*` settings, after asking where the run does more than the block shows. */
async function runBlock(
  context: ServerContext,
  notePath: string,
  block: RunnableBlock,
  label: string,
  token: CancellationToken,
): Promise<ServerSnippetRun> {
  const settings = context.config().snippets;
  const storage = context.storagePath();
  const session = new RunSession({
    notePath,
    // As in VS Code: the scratch directories sit in the editor's storage when it names one, outside the notes.
    scratchBase: storage ? path.join(storage, 'runs') : defaultScratchBase(),
    overrides: { defaultCwd: settings.cwd },
  });
  const plan = session.planOf(block);
  const question = plan.errors.length === 0 ? runQuestion(label, session.previewOf(plan)) : undefined;
  if (question && !(await askToRun(context, question)))
    throw new Refusal(`${label} was not run: the question before it was not answered Run`);
  const abort = new AbortController();
  token.onCancellationRequested(() => abort.abort());
  const execution = await session.execute(plan, {
    shell: settings.shell || undefined,
    env: { ...process.env, ...settings.env },
    defaultTimeoutMs: settings.timeoutSeconds * 1000,
    maxOutputBytes: Math.round(settings.maxOutputMB * 1024 * 1024),
    signal: abort.signal,
    // Asked, or nothing to ask: files outside the run directory were named to the user.
    confirmed: true,
  });
  const run = serverSnippetRun(label, execution);
  showMessage(context, run.succeeded ? MessageType.Info : MessageType.Error, runMessage(run));
  const log = runLog(run);
  if (log !== undefined) context.connection.console.log(log);
  return run;
}

/** A yes or no in the editor; an editor that cannot ask, or a dismissed question, is a no. */
async function askToRun(context: ServerContext, question: string): Promise<boolean> {
  const run = { title: 'Run' };
  const answer = await context.connection.window.showWarningMessage(question, run, { title: 'Cancel' }).catch(() => undefined);
  return answer?.title === run.title;
}

function showMessage(context: ServerContext, type: MessageType, message: string): void {
  void context.connection.sendNotification(ShowMessageNotification.type, { type, message });
}
