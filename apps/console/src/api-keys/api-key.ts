/** An API key as /api/keys shows it, and the scopes a key may be given (the API's own list). */
export interface ApiKey {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
}

/** The answer to POST /api/keys: the only time the key itself is sent. */
export interface IssuedApiKey extends ApiKey {
  key: string;
}

export interface ApiKeyList {
  items: ApiKey[];
}

export const API_KEY_SCOPES = [
  { scope: 'links:read', meaning: 'Read your links' },
  { scope: 'links:write', meaning: 'Create, change and delete your links' },
  { scope: 'stats:read', meaning: 'Read visit statistics' },
  { scope: 'products:write', meaning: 'Change the catalog', adminOnly: true },
] as const;

/** The scopes the caller may grant: the API refuses products:write to anyone but an admin. */
export function grantableScopes(admin: boolean) {
  return API_KEY_SCOPES.filter((entry) => admin || !('adminOnly' in entry));
}
