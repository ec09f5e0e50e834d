// Dead links are the diagnostics whose code starts with `link.` (link.no-such-file,
// link.external-dead, ...). VS Code's built-in Markdown validation uses the same prefix under the
// source `markdown`; those are not ours.

type DiagnosticCode = string | number | { value: string | number } | undefined;

export interface DiagnosticLike {
  code?: DiagnosticCode;
  source?: string;
}

export function isDeadLinkDiagnostic(diagnostic: DiagnosticLike): boolean {
  if (diagnostic.source === 'markdown') return false;
  const code = typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code;
  return typeof code === 'string' && code.startsWith('link.');
}

/** Counts dead-link diagnostics over the `[uri, diagnostics]` pairs of vscode.languages.getDiagnostics(). */
export function countDeadLinks(entries: ReadonlyArray<readonly [unknown, readonly DiagnosticLike[]]>): number {
  let count = 0;
  for (const [, diagnostics] of entries) for (const diagnostic of diagnostics) if (isDeadLinkDiagnostic(diagnostic)) count++;
  return count;
}
