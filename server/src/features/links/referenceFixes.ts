// Fixes for an undefined reference: use the defined label it is a slip of, or define it from the link
// of the entity of the same name.

import type { Entity } from '../../index/entityTable';
import type { NotesView } from '../../index/notesView';
import { normalizeName } from '../../entities/names';
import { collapsed, preferred, type FixNote, type LinkFix, type TextEditLike } from './fix';
import type { LinkDiagnostic } from './policy';

export function referenceFixes(note: FixNote, diagnostic: LinkDiagnostic): LinkFix[] {
  const use = useNearLabelFix(diagnostic);
  return [...(use ? [use] : []), ...defineReferenceFixes(note, diagnostic, !use)];
}

/**
 * `[text][feature-enhancemment]` → `[text][feature-enhancement]`, `[papers]` → `[papers][paper]`: the
 * link's text stays as written, its label becomes the defined one. Preferred: the labels differ by a slip.
 */
function useNearLabelFix(diagnostic: LinkDiagnostic): LinkFix | undefined {
  const reference = diagnostic.problem.reference;
  if (!reference?.nearLabel) return undefined;
  const { range, form, nearLabel } = reference;
  const label = `[${nearLabel.replace(/[[\]\\]/g, (c) => `\\${c}`)}]`;
  const edit =
    form === 'shortcut'
      ? { range: collapsed(range.end), newText: label }
      : form === 'collapsed'
        ? { range: { start: range.end, end: { line: range.end.line, character: range.end.character + 2 } }, newText: label }
        : { range, newText: label };
  return preferred(`Use ${label}`, [edit], diagnostic);
}

function defineReferenceFixes(note: FixNote, diagnostic: LinkDiagnostic, isPreferred: boolean): LinkFix[] {
  const label = diagnostic.problem.label;
  const entity = label ? entityNamed(note.index, label) : undefined;
  const url = entity && entityUrl(entity);
  if (!label || !url) return [];
  const fix = preferred(`Define [${label}] as ${url} (${entity.name})`, [appendDefinition(note, label, url)], diagnostic);
  return [{ ...fix, isPreferred }];
}

function entityNamed(index: NotesView, name: string): Entity | undefined {
  const wanted = normalizeName(name);
  return index.allEntities().find((entity) => [entity.name, ...entity.aliases].some((candidate) => normalizeName(candidate) === wanted));
}

function entityUrl(entity: Entity): string | undefined {
  if (entity.links.github) return `https://github.com/${entity.links.github}`;
  if (entity.links.arxiv) return `https://arxiv.org/abs/${entity.links.arxiv}`;
  return entity.links.homepage;
}

/** `[label]: url` at the end of the note, after a blank line unless it joins other definitions. */
function appendDefinition(note: FixNote, label: string, url: string): TextEditLike {
  const { text, lines } = note;
  const end = lines.positionAt(text.length);
  const lastLine = text.trimEnd().split(/\r?\n/).pop() ?? '';
  const joinsDefinitions = /^ {0,3}\[[^\]]+\]:\s/.test(lastLine);
  const newline = text.endsWith('\n') || text === '' ? '' : '\n';
  const blank = joinsDefinitions || text.trim() === '' || /\n\s*\n$/.test(text) ? '' : '\n';
  return { range: collapsed(end), newText: `${newline}${blank}[${label}]: ${url}\n` };
}
