import { ENTITY_TOKEN_MODIFIERS, type EntityTokenModifier } from '../../../common/protocol';
import type { MarkedName } from '../../../common/semanticTokens';
import type { Entity } from '../index/entityTable';
import type { MentionPlace } from '../index/noteMentions';
import type { NotesView } from '../index/notesView';
import type { Range } from '../parse/facts';
import { contains } from '../index/positions';

/**
 * Names marked in one answer at most. An editor asks for what it shows, a few hundred names; a client
 * that asks for the whole of a huge note gets its first names rather than a reply of megabytes.
 */
export const MARKED_NAMES_LIMIT = 10_000;

const KIND_MODIFIERS: ReadonlySet<string> = new Set<EntityTokenModifier>(['project', 'paper', 'article']);

/**
 * The names of a note within a range (the whole note without one) that the index resolves to entities,
 * in order: its mentions found when the note was matched, looked up by position, never a scan of the
 * text. So an ordinary word is never marked, and the work grows with the range, not with the note.
 */
export function markedNamesIn(index: NotesView, uri: string, range?: Range): MarkedName[] {
  const names: MarkedName[] = [];
  for (const mention of index.mentionsIn(uri, { range, limit: MARKED_NAMES_LIMIT })) {
    const { start, end } = mention.range;
    const entities = mention.entityIds.map((id) => index.entity(id)).filter((entity): entity is Entity => entity !== undefined);
    // Names never span lines; a mention whose entities are gone (names changed since it was found) is not marked.
    if (start.line !== end.line || end.character <= start.character || entities.length === 0) continue;
    names.push({
      line: start.line,
      character: start.character,
      length: end.character - start.character,
      modifiers: modifiersOf(uri, mention, entities),
    });
  }
  return names;
}

/** The kinds of the entities the name stands for, whether several share it, and whether the note defines one of them there. */
function modifiersOf(uri: string, mention: MentionPlace, entities: readonly Entity[]): EntityTokenModifier[] {
  const modifiers = new Set<EntityTokenModifier>();
  for (const entity of entities) {
    if (KIND_MODIFIERS.has(entity.kind)) modifiers.add(entity.kind as EntityTokenModifier);
    if (entity.sites.some((site) => site.uri === uri && contains(site.range, mention.range.start))) modifiers.add('definition');
  }
  if (entities.length > 1) modifiers.add('shared');
  return ENTITY_TOKEN_MODIFIERS.filter((modifier) => modifiers.has(modifier));
}
