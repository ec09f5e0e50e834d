import {
  ENTITY_DETAIL_REQUEST,
  NOTE_ENTITIES_REQUEST,
  RELATED_ENTITIES_REQUEST,
  type EntityDetail,
  type EntityListItem,
  type ParamsOf,
  type RelatedEntity,
} from '../../../common/protocol';
import { entitiesDefinedIn, entityDetail, relatedEntities } from '../features/entityView';
import type { ServerContext } from './context';
import { toListItem } from './entities';

/** The requests behind the VS Code client's Entities view and entity graph; any client may ask them. */
export function register(context: ServerContext): void {
  const { connection } = context;

  // Waits for the first indexing: until then the note's entities may still be missing from the table.
  connection.onRequest(
    NOTE_ENTITIES_REQUEST.method,
    async ({ textDocument }: ParamsOf<typeof NOTE_ENTITIES_REQUEST>): Promise<EntityListItem[]> => {
      await context.indexed();
      const index = await context.ready(textDocument.uri);
      return index ? entitiesDefinedIn(index, textDocument.uri).map(toListItem) : [];
    },
  );

  // Answered from the index as it is, as the references a card opens are: an entity shown in the view exists.
  connection.onRequest(ENTITY_DETAIL_REQUEST.method, ({ entityId }: ParamsOf<typeof ENTITY_DETAIL_REQUEST>): EntityDetail | null => {
    const index = context.index();
    const entity = index?.entity(entityId);
    if (!index || !entity) return null;
    const { definitions, notes } = entityDetail(index, entity);
    return { definitions: definitions.map(({ uri, range, shape }) => ({ uri, range, shape })), notes };
  });

  connection.onRequest(RELATED_ENTITIES_REQUEST.method, ({ entityId }: ParamsOf<typeof RELATED_ENTITIES_REQUEST>): RelatedEntity[] => {
    const index = context.index();
    const entity = index?.entity(entityId);
    if (!index || !entity) return [];
    return relatedEntities(index, entity).map(({ entity: other, notes }) => ({ id: other.id, name: other.name, kind: other.kind, notes }));
  });
}
