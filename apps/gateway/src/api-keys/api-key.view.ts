/** How an API key looks in API responses: never its hash, and the key itself only once. */
import { API_KEY_SCOPES, type ApiKeyEntity } from '@beacon/database';
import { z } from 'zod';

export const apiKeyViewSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  prefix: z.string().describe("The key's public beginning, to tell keys apart"),
  scopes: z.array(z.enum(API_KEY_SCOPES)),
  createdAt: z.iso.datetime(),
  lastUsedAt: z.iso.datetime().nullable(),
  expiresAt: z.iso.datetime().nullable(),
});

export type ApiKeyView = z.infer<typeof apiKeyViewSchema>;

/** The answer to its creation, the only one that carries the key. */
export const issuedApiKeyViewSchema = apiKeyViewSchema.extend({
  key: z.string().describe('Send it as `X-Api-Key`; shown this once, only its hash is kept'),
});

export type IssuedApiKeyView = z.infer<typeof issuedApiKeyViewSchema>;

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
