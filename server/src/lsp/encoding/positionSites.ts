// Where the positions of each message lie, and in which note's text their characters count. Messages
// are walked as plain JSON: a client's message is untrusted, so a shape that is not what the protocol says
// is passed over rather than trusted (the handlers answer it as they would without conversion).

export interface Position {
  line: number;
  character: number;
}

/** Receives each position found, with the note it counts in; `then` runs once all of them are converted. */
export interface PositionSink {
  add(uri: string, position: Position): void;
  then(finish: () => void): void;
}

type Walk = (value: unknown, uri: string, sink: PositionSink) => void;

/** Positions in the params of a request or notification from the client (didChange aside: see encodingChannel). */
export function paramsSites(params: unknown, sink: PositionSink): void {
  if (!isObject(params)) return;
  const uri = documentUri(params);
  if (uri === undefined) return;
  position(params.position, uri, sink);
  range(params.range, uri, sink);
  if (isObject(params.context)) each(params.context.diagnostics, diagnostic, uri, sink);
}

/** The note a request is about: its `textDocument.uri`, where the answer's bare ranges count. */
export function documentUri(params: unknown): string | undefined {
  if (!isObject(params) || !isObject(params.textDocument)) return undefined;
  return typeof params.textDocument.uri === 'string' ? params.textDocument.uri : undefined;
}

/** Positions in the server's answer to a request of `method` about the note `uri` (may be ''). */
export function resultSites(method: string, result: unknown, uri: string, sink: PositionSink): void {
  // A client names the method: `constructor` or `toString` must not reach the object's own properties.
  if (Object.hasOwn(RESULTS, method)) RESULTS[method](result, uri, sink);
}

/** Whether the server's answer to `method`, or its own message of that method, can hold positions. */
export function mayHoldPositions(method: string, answer: boolean): boolean {
  return answer ? Object.hasOwn(RESULTS, method) : OUTGOING.has(method);
}

const OUTGOING = new Set(['textDocument/publishDiagnostics', 'workspace/applyEdit', 'window/showDocument']);

/** Positions in a notification or request the server sends. */
export function outgoingSites(method: string, params: unknown, sink: PositionSink): void {
  if (!isObject(params)) return;
  if (method === 'textDocument/publishDiagnostics' && typeof params.uri === 'string')
    each(params.diagnostics, diagnostic, params.uri, sink);
  if (method === 'workspace/applyEdit') workspaceEdit(params.edit, '', sink);
  if (method === 'window/showDocument' && typeof params.uri === 'string') range(params.selection, params.uri, sink);
}

const RESULTS: Record<string, Walk> = {
  'textDocument/hover': (value, uri, sink) => isObject(value) && range(value.range, uri, sink),
  'textDocument/definition': definitions,
  'textDocument/declaration': definitions,
  'textDocument/typeDefinition': definitions,
  'textDocument/implementation': definitions,
  'textDocument/references': (value, _uri, sink) => each(value, location, '', sink),
  'textDocument/completion': completions,
  'textDocument/prepareRename': (value, uri, sink) =>
    isObject(value) && 'range' in value ? range(value.range, uri, sink) : range(value, uri, sink),
  'textDocument/rename': workspaceEdit,
  'workspace/willRenameFiles': workspaceEdit,
  'textDocument/codeAction': (value, uri, sink) => each(value, codeAction, uri, sink),
  'textDocument/codeLens': (value, uri, sink) => each(value, ranged, uri, sink),
  'textDocument/documentLink': (value, uri, sink) => each(value, ranged, uri, sink),
  'textDocument/documentSymbol': (value, uri, sink) => each(value, symbol, uri, sink),
  'workspace/symbol': (value, _uri, sink) => each(value, symbol, '', sink),
  'textDocument/foldingRange': (value, uri, sink) => each(value, foldingRange, uri, sink),
  'textDocument/semanticTokens/full': semanticTokens,
  'textDocument/semanticTokens/range': semanticTokens,
  'marginalia/entities': (value, _uri, sink) => each(value, entitySites, '', sink),
  'marginalia/noteEntities': (value, _uri, sink) => each(value, entitySites, '', sink),
  'marginalia/entityDetail': entityDetail,
  'marginalia/entityReferences': (value, _uri, sink) => each(value, location, '', sink),
};

function position(value: unknown, uri: string, sink: PositionSink): void {
  if (isObject(value) && isCount(value.line) && isCount(value.character)) sink.add(uri, value as unknown as Position);
}

function range(value: unknown, uri: string, sink: PositionSink): void {
  if (!isObject(value)) return;
  position(value.start, uri, sink);
  position(value.end, uri, sink);
}

/** Anything with a `range` in the note `uri`: a lens, a document link. */
function ranged(value: unknown, uri: string, sink: PositionSink): void {
  if (isObject(value)) range(value.range, uri, sink);
}

/** A `{ uri, range }`: a Location, and the places the entity requests answer with. */
function location(value: unknown, _uri: string, sink: PositionSink): void {
  if (isObject(value) && typeof value.uri === 'string') range(value.range, value.uri, sink);
}

function definitions(value: unknown, uri: string, sink: PositionSink): void {
  for (const item of Array.isArray(value) ? value : [value]) {
    if (!isObject(item)) continue;
    if (typeof item.targetUri !== 'string') {
      location(item, uri, sink);
      continue;
    }
    range(item.originSelectionRange, uri, sink);
    range(item.targetRange, item.targetUri, sink);
    range(item.targetSelectionRange, item.targetUri, sink);
  }
}

function completions(value: unknown, uri: string, sink: PositionSink): void {
  const list = isObject(value) && !Array.isArray(value) ? value : { items: value };
  if (isObject(list.itemDefaults)) editRange(list.itemDefaults.editRange, uri, sink);
  each(list.items, completionItem, uri, sink);
}

function completionItem(value: unknown, uri: string, sink: PositionSink): void {
  if (!isObject(value)) return;
  if (isObject(value.textEdit)) {
    range(value.textEdit.range, uri, sink);
    range(value.textEdit.insert, uri, sink);
    range(value.textEdit.replace, uri, sink);
  }
  each(value.additionalTextEdits, ranged, uri, sink);
}

/** A completion list's default edit range: a range, or an insert range and a replace range. */
function editRange(value: unknown, uri: string, sink: PositionSink): void {
  if (!isObject(value)) return;
  range(value, uri, sink);
  range(value.insert, uri, sink);
  range(value.replace, uri, sink);
}

function workspaceEdit(value: unknown, _uri: string, sink: PositionSink): void {
  if (!isObject(value)) return;
  if (isObject(value.changes)) for (const [uri, edits] of Object.entries(value.changes)) each(edits, ranged, uri, sink);
  each(value.documentChanges, documentChange, '', sink);
}

/** A TextDocumentEdit (a file operation has no positions). */
function documentChange(value: unknown, _uri: string, sink: PositionSink): void {
  const uri = documentUri(value);
  if (uri !== undefined && isObject(value)) each(value.edits, ranged, uri, sink);
}

function codeAction(value: unknown, uri: string, sink: PositionSink): void {
  if (!isObject(value)) return;
  workspaceEdit(value.edit, uri, sink);
  each(value.diagnostics, diagnostic, uri, sink);
}

function diagnostic(value: unknown, uri: string, sink: PositionSink): void {
  if (!isObject(value)) return;
  range(value.range, uri, sink);
  each(value.relatedInformation, (related, _, into) => isObject(related) && location(related.location, '', into), uri, sink);
}

/** A DocumentSymbol (with its children) or a SymbolInformation / WorkspaceSymbol (with a location). */
function symbol(value: unknown, uri: string, sink: PositionSink): void {
  if (!isObject(value)) return;
  if (isObject(value.location)) return location(value.location, uri, sink);
  range(value.range, uri, sink);
  range(value.selectionRange, uri, sink);
  each(value.children, symbol, uri, sink);
}

/** A folding range counts in lines; only its optional characters need converting. */
function foldingRange(value: unknown, uri: string, sink: PositionSink): void {
  if (!isObject(value)) return;
  if (isCount(value.startCharacter) && isCount(value.startLine)) {
    const start = { line: value.startLine, character: value.startCharacter };
    sink.add(uri, start);
    sink.then(() => (value.startCharacter = start.character));
  }
  if (isCount(value.endCharacter) && isCount(value.endLine)) {
    const end = { line: value.endLine, character: value.endCharacter };
    sink.add(uri, end);
    sink.then(() => (value.endCharacter = end.character));
  }
}

/**
 * Semantic tokens are five numbers each, lines and start characters relative to the token before; they are
 * read as positions (a token's start and end), converted, and written back in the same relative form.
 */
function semanticTokens(value: unknown, uri: string, sink: PositionSink): void {
  if (!isObject(value) || !Array.isArray(value.data)) return;
  const data = value.data as number[];
  const tokens: Array<{ start: Position; end: Position }> = [];
  let line = 0;
  let character = 0;
  for (let i = 0; i + 4 < data.length; i += 5) {
    line += data[i];
    character = data[i] === 0 ? character + data[i + 1] : data[i + 1];
    const token = { start: { line, character }, end: { line, character: character + data[i + 2] } };
    tokens.push(token);
    sink.add(uri, token.start);
    sink.add(uri, token.end);
  }
  sink.then(() => {
    let previous: Position = { line: 0, character: 0 };
    tokens.forEach(({ start, end }, n) => {
      data[n * 5 + 1] = start.line === previous.line ? start.character - previous.character : start.character;
      data[n * 5 + 2] = end.character - start.character;
      previous = start;
    });
  });
}

function entitySites(value: unknown, _uri: string, sink: PositionSink): void {
  if (isObject(value)) each(value.sites, location, '', sink);
}

function entityDetail(value: unknown, _uri: string, sink: PositionSink): void {
  if (!isObject(value)) return;
  each(value.definitions, location, '', sink);
  each(
    value.notes,
    (note, _, into) => isObject(note) && typeof note.uri === 'string' && each(note.ranges, range, note.uri, into),
    '',
    sink,
  );
}

function each(values: unknown, walk: Walk, uri: string, sink: PositionSink): void {
  if (Array.isArray(values)) for (const value of values) walk(value, uri, sink);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** A line or character as the protocol counts them: a whole number, zero or more. */
export function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}
