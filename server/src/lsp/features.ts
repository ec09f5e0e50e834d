// Every feature the server offers, in one list: each `lsp/<feature>.ts` states the capabilities it adds
// and registers its handlers, so a new feature is one file and one line here.
import type { ClientCapabilities, ServerCapabilities } from 'vscode-languageserver/node';
import * as codeLens from './codeLens';
import * as completion from './completion';
import type { ServerContext } from './context';
import * as documentLinks from './documentLinks';
import * as entities from './entities';
import * as entityView from './entityView';
import * as fileMoves from './fileMoves';
import * as folding from './folding';
import * as links from './links';
import * as mentionLinks from './mentionLinks';
import * as navigation from './navigation';
import * as rename from './rename';
import * as runnables from './runnables';
import * as semanticTokens from './semanticTokens';
import * as serverRuns from './serverRuns';

/** What the client declared in its initializationOptions that changes the capabilities offered. */
export type ClientDeclarations = Pick<ServerContext, 'serverRunsSnippets'>;

/** A client that declared nothing. */
const NOTHING_DECLARED: ClientDeclarations = { serverRunsSnippets: () => false };

export interface LspFeature {
  /** What the feature adds to the server's capabilities, given what the client said it can do and declared. */
  capabilities?(client: ClientCapabilities, declared: ClientDeclarations): ServerCapabilities;
  /** Registers the feature's handlers; they stay a few lines each that forward to `features/`. */
  register(context: ServerContext): void;
}

export const FEATURES: readonly LspFeature[] = [
  navigation,
  completion,
  entities,
  entityView,
  codeLens,
  runnables,
  serverRuns,
  links,
  rename,
  fileMoves,
  documentLinks,
  folding,
  semanticTokens,
  mentionLinks,
];

/**
 * The capabilities of every feature, merged: objects key by key, lists (command ids) joined. `declared` is
 * the session once it has read the initialize request: a command offered only on request needs it.
 */
export function serverCapabilities(
  client: ClientCapabilities,
  declared: ClientDeclarations = NOTHING_DECLARED,
  features: readonly LspFeature[] = FEATURES,
): ServerCapabilities {
  let merged: Record<string, unknown> = {};
  for (const feature of features) merged = mergeCapabilities(merged, { ...feature.capabilities?.(client, declared) });
  return merged as ServerCapabilities;
}

function mergeCapabilities(into: Record<string, unknown>, from: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = { ...into };
  for (const [key, value] of Object.entries(from)) {
    const existing = result[key];
    if (Array.isArray(existing) && Array.isArray(value)) result[key] = [...existing, ...value];
    else if (isPlainObject(existing) && isPlainObject(value)) result[key] = mergeCapabilities(existing, value);
    else result[key] = value;
  }
  return result;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
