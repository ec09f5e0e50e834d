import assert from 'node:assert/strict';
import { DEFAULT_CONFIG } from '../../../../server/src/config';
import type { LinkCode } from '../../../../server/src/features/links/codes';
import { noteDiagnosticSteps } from '../../../../server/src/features/links/check';
import { finish } from '../../../../server/src/parse/steps';
import type { ExternalLinkResult } from '../../../../server/src/features/links/external';
import { quickFixes, type LinkFix, type TextEditLike } from '../../../../server/src/features/links/fixes';
import type { LinkDiagnostic, LinkSettings } from '../../../../server/src/features/links/policy';
import { LineMap } from '../../../../server/src/parse/lineMap';
import { indexOf, noteUri } from '../../helpers';

export type Files = Record<string, string | Uint8Array>;

/** Indexes the files on an in-memory workspace and checks the links of every note in it, for real. */
export async function checked(
  files: Files,
  settings: LinkSettings = DEFAULT_CONFIG.links,
  external?: ReadonlyMap<string, ExternalLinkResult>,
) {
  const { index, workspace } = await indexOf(files);
  await index.linkGraph.prepare(index.noteUris());
  const diagnosticsOf = (name: string): LinkDiagnostic[] => finish(noteDiagnosticSteps(index, noteUri(name), settings, external));
  return { index, workspace, diagnosticsOf, uri: noteUri };
}

/** `code @line:column target-text` for each diagnostic of a note (1-based), compact enough to compare whole lists. */
export async function problemsIn(files: Files, name = 'note.md', settings?: LinkSettings): Promise<string[]> {
  const { diagnosticsOf } = await checked(files, settings);
  const text = String(files[name]);
  return diagnosticsOf(name).map((diagnostic) => `${diagnostic.code} ${sourceAt(text, diagnostic.range)}`);
}

/** The text a range covers. */
export function sourceAt(text: string, range: LinkDiagnostic['range']): string {
  const lines = new LineMap(text);
  return text.slice(lines.offsetAt(range.start), lines.offsetAt(range.end));
}

/** Applies edits the way an editor applies a WorkspaceEdit: all ranges refer to the original text. */
export function applyEdits(text: string, edits: readonly TextEditLike[], lines: LineMap = new LineMap(text)): string {
  const offsets = edits.map((edit) => ({
    start: lines.offsetAt(edit.range.start),
    end: lines.offsetAt(edit.range.end),
    newText: edit.newText,
  }));
  offsets.sort((a, b) => b.start - a.start || b.end - a.end);
  let result = text;
  for (const edit of offsets) result = result.slice(0, edit.start) + edit.newText + result.slice(edit.end);
  return result;
}

/** The fixes offered for the first diagnostic with `code` in `name`, open in an editor as code actions ask. */
export async function fixesFor(files: Files, code: LinkCode, name = 'note.md') {
  const { index, diagnosticsOf, uri } = await checked(files);
  await index.setOpenText(uri(name), String(files[name]));
  const all = diagnosticsOf(name);
  const diagnostic = all.find((candidate) => candidate.code === code);
  assert.ok(diagnostic, `a ${code} diagnostic in ${name}: ${JSON.stringify(all.map((item) => item.code))}`);
  return quickFixes(index, uri(name), diagnostic, all);
}

/** Applies a fix to the note and checks it again: the note's diagnostics after the fix. */
export async function afterFix(files: Files, fix: LinkFix, name = 'note.md', settings?: LinkSettings) {
  const text = applyEdits(String(files[name]), fix.edits);
  const { diagnosticsOf } = await checked({ ...files, [name]: text }, settings);
  return { text, diagnostics: diagnosticsOf(name).map((diagnostic) => `${diagnostic.code}: ${diagnostic.message}`) };
}

export function titled(fixes: LinkFix[], title: RegExp): LinkFix {
  const fix = fixes.find((candidate) => title.test(candidate.title));
  assert.ok(fix, `a fix titled ${title} among: ${fixes.map((candidate) => candidate.title).join(' | ')}`);
  return fix;
}
