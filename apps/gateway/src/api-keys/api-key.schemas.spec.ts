import { describe, expect, it } from 'vitest';
import { createApiKeySchema } from './api-key.schemas';

const messages = (body: unknown) =>
  createApiKeySchema.safeParse(body).error?.issues.map((issue) => issue.message) ?? [];

describe('createApiKeySchema', () => {
  it('takes a name, the scopes and an optional expiry in the future', () => {
    const expiry = new Date(Date.now() + 60_000).toISOString();
    expect(
      createApiKeySchema.parse({ name: ' ci ', scopes: ['links:read'], expiresAt: expiry }),
    ).toEqual({ name: 'ci', scopes: ['links:read'], expiresAt: new Date(expiry) });
    expect(
      messages({ name: 'ci', scopes: ['links:read'], expiresAt: '2001-01-01T00:00:00Z' }),
    ).toEqual(['must be in the future']);
  });

  it('never grants keys, and says why', () => {
    expect(messages({ name: 'ci', scopes: ['links:read', 'keys'] })).toEqual([
      'keys is never granted to an API key: managing keys needs an access token',
    ]);
  });

  it('refuses unknown, repeated or missing scopes', () => {
    expect(messages({ name: 'ci', scopes: ['links:admin'] })).toEqual([
      'must be one of links:read, links:write, stats:read, products:write',
    ]);
    expect(messages({ name: 'ci', scopes: ['links:read', 'links:read'] })).toEqual([
      'must not repeat a scope',
    ]);
    expect(messages({ name: 'ci', scopes: [] })).toEqual(['at least one scope']);
    expect(messages({ name: 'ci', scopes: 'links:read' })).toEqual([
      'required, an array of scopes',
    ]);
  });

  it('needs a name of 1 to 100 characters and no other field', () => {
    expect(messages({ name: '  ', scopes: ['links:read'] })).toEqual(['required']);
    expect(messages({ name: 'n'.repeat(101), scopes: ['links:read'] })).toEqual([
      'at most 100 characters',
    ]);
    expect(
      createApiKeySchema.safeParse({ name: 'ci', scopes: ['links:read'], owner: '1' }).success,
    ).toBe(false);
  });
});
