/** How an API key looks in API responses: never its hash, and the key itself only once. */
import type { ApiKeyEntity, ApiKeyScope } from '@beacon/database';

export interface ApiKeyView {
  id: string;
  name: string;
  /** The key's public beginning, to tell keys apart. */
  prefix: string;
  scopes: ApiKeyScope[];
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
}

/** The answer to its creation, the only one that carries the key. */
export interface IssuedApiKeyView extends ApiKeyView {
  key: string;
}

export function toApiKeyView(stored: ApiKeyEntity): ApiKeyView {
  return {
    id: stored.id,
    name: stored.name,
    prefix: stored.prefix,
    scopes: stored.scopes,
    createdAt: stored.createdAt.toISOString(),
    lastUsedAt: stored.lastUsedAt?.toISOString() ?? null,
    expiresAt: stored.expiresAt?.toISOString() ?? null,
  };
}
