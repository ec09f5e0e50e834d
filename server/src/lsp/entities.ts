import { ENTITIES_REQUEST, type EntityListItem, type ServerStatus } from '../../../common/protocol';
import { primaryFirst } from '../features/entitySites';
import type { Entity } from '../index/entityTable';
import type { NotesIndex } from '../index/notesIndex';
import type { ServerContext } from './context';

/** How long index changes settle before the client hears the new entity count. */
const STATUS_SETTLE_MS = 400;

/** The entity list request, and status updates when edits change the entity count. */
export function register(context: ServerContext): void {
  const { connection } = context;

  connection.onRequest(ENTITIES_REQUEST.method, async (): Promise<EntityListItem[]> => {
    await context.indexed();
    const index = context.index();
    return index ? listEntities(index) : [];
  });

  // The server reports the count once indexing ends; edits afterwards add and remove entities too.
  let timer: NodeJS.Timeout | undefined;
  let lastCount: number | undefined;
  context.onIndexChanged(() => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      await context.indexed();
      const index = context.index();
      if (!index || index.progress.indexed < index.progress.total) return;
      const entities = index.allEntities().length;
      if (entities === lastCount) return;
      lastCount = entities;
      const status: ServerStatus = { state: 'ready', ...index.progress, entities };
      context.notifyStatus(status);
    }, STATUS_SETTLE_MS);
  });
}

export function listEntities(index: NotesIndex): EntityListItem[] {
  return index.allEntities().map(toListItem);
}

export function toListItem(entity: Entity): EntityListItem {
  return {
    id: entity.id,
    identities: entity.identities,
    name: entity.name,
    kind: entity.kind,
    aliases: entity.aliases,
    summary: entity.summary,
    links: entity.links,
    sites: primaryFirst(entity.sites).map((site) => ({ uri: site.uri, range: site.range })),
  };
}
