// The custom requests and notifications between this client and the Marginalia server.
export type { EntityListItem } from '../../server/src/lsp/entities';

export const STATUS_METHOD = 'marginalia/status';
export const ENTITIES_METHOD = 'marginalia/entities';

/** `marginalia/status`, as a notification while indexing and as the answer to the request of that name. */
export interface ServerStatus {
  state: 'starting' | 'indexing' | 'ready';
  indexed: number;
  total: number;
  entities: number;
}

export function isServerStatus(value: unknown): value is ServerStatus {
  if (typeof value !== 'object' || value === null) return false;
  const status = value as Record<string, unknown>;
  return typeof status.state === 'string' && ['indexed', 'total', 'entities'].every((key) => typeof status[key] === 'number');
}
