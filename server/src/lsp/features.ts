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

export interface LspFeature {
  /** What the feature adds to the server's capabilities, given what the client said it can do. */
  capabilities?(client: ClientCapabilities): ServerCapabilities;
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
  links,
  rename,
  fileMoves,
  documentLinks,
  folding,
  semanticTokens,
  mentionLinks,
];

/** The capabilities of every feature, merged: objects key by key, lists (command ids) joined. */
export function serverCapabilities(client: ClientCapabilities, features: readonly LspFeature[] = FEATURES): ServerCapabilities {
  let merged: Record<string, unknown> = {};
  for (const feature of features) merged = mergeCapabilities(merged, { ...feature.capabilities?.(client) });
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
