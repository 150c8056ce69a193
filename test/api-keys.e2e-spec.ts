import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp, type BearerHeader } from './support/accounts';
import { startBeacon, type BeaconHarness } from './support/beacon-harness';
import { eventually } from './support/eventually';
import { request, type JsonResponse } from './support/http-client';
import { createLink } from './support/links';
import { parseMetrics, valueOf } from './support/metrics-text';

type KeyHeader = { 'x-api-key': string };

interface IssuedKey {
  id: string;
  key: string;
  header: KeyHeader;
}

const PRODUCT = { sku: 'KEY-1', name: 'Key Ring', category: 'home', price: 3.5 };

/** Creates a key through the API with the owner's access token. */
async function issueKey(
  gatewayUrl: string,
  owner: BearerHeader,
  body: Record<string, unknown>,
): Promise<IssuedKey> {
  const created = await request(`${gatewayUrl}/api/keys`, {
    method: 'POST',
    json: { name: 'test key', ...body },
    headers: owner,
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return { id: created.body.id, key: created.body.key, header: { 'x-api-key': created.body.key } };
}

async function signUpAdmin(beacon: BeaconHarness, email: string): Promise<BearerHeader> {
  const admin = await signUp(beacon.gatewayUrl, email);
  await beacon.sql("UPDATE users SET role = 'admin' WHERE email = ?", [email]);
  return admin;
}

describe('API keys', () => {
  let beacon: BeaconHarness;
  let owner: BearerHeader;
  let admin: BearerHeader;
  const url = (path: string) => `${beacon.gatewayUrl}${path}`;
  const issue = (who: BearerHeader, body: Record<string, unknown>) =>
    issueKey(beacon.gatewayUrl, who, body);

  beforeAll(async () => {
    beacon = await startBeacon();
    owner = await signUp(beacon.gatewayUrl);
    admin = await signUpAdmin(beacon, 'keys-admin@example.com');
    await createLink(beacon.gatewayUrl, owner, 'owned-by-key-owner');
  });
  afterAll(() => beacon?.stop());

  it('answers the key once; the list shows its name, prefix, scopes and dates, never the key', async () => {
    const expiresAt = '2030-01-01T00:00:00.000Z';
    const created = await request(url('/api/keys'), {
      method: 'POST',
      json: { name: 'CI deploys', scopes: ['links:read', 'stats:read'], expiresAt },
      headers: owner,
    });
    expect(created.status).toBe(201);
    const { key, prefix } = created.body;
    expect(key).toMatch(/^bk_[0-9a-f]{8}_[0-9a-f]{64}$/);
    expect(key.startsWith(`${prefix}_`)).toBe(true);
    expect(created.body).toEqual({
      id: expect.stringMatching(/^\d+$/),
      name: 'CI deploys',
      prefix,
      scopes: ['links:read', 'stats:read'],
      createdAt: expect.any(String),
      lastUsedAt: null,
      expiresAt,
      key,
    });

    const listed = await request(url('/api/keys'), { headers: owner });
    expect(listed.status).toBe(200);
    expect(listed.body.items).toContainEqual({ ...created.body, key: undefined });
    expect(listed.body.items[0]).not.toHaveProperty('key');
    const text = JSON.stringify(listed.body);
    expect(text).not.toContain(key.slice(prefix.length));
    expect(text).not.toContain(createHash('sha256').update(key).digest('hex'));

    const otherUser = await signUp(beacon.gatewayUrl);
    expect((await request(url('/api/keys'), { headers: otherUser })).body).toEqual({ items: [] });
  });

  it("links:read lists and reads the owner's links, and can create nothing", async () => {
    const { header } = await issue(owner, { scopes: ['links:read'] });
    const listed = await request(url('/api/links'), { headers: header });
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((link: { slug: string }) => link.slug)).toEqual([
      'owned-by-key-owner',
    ]);
    expect((await request(url('/api/links/owned-by-key-owner'), { headers: header })).status).toBe(
      200,
    );
    const create = await request(url('/api/links'), {
      method: 'POST',
      json: { url: 'https://example.com/refused' },
      headers: header,
    });
    expect(create).toMatchObject({
      status: 403,
      body: { message: 'missing scope links:write', requestId: expect.any(String) },
    });
    const patch = await request(url('/api/links/owned-by-key-owner'), {
      method: 'PATCH',
      json: { url: 'https://example.com/changed' },
      headers: header,
    });
    expect(patch.status).toBe(403);
    const remove = await request(url('/api/links/owned-by-key-owner'), {
      method: 'DELETE',
      headers: header,
    });
    expect(remove.status).toBe(403);
    const stats = await request(url('/api/links/owned-by-key-owner/stats'), { headers: header });
    expect(stats).toMatchObject({ status: 403, body: { message: 'missing scope stats:read' } });
  });

  it("links:write creates, changes and deletes links owned by the key's owner, and reads none", async () => {
    const { header } = await issue(owner, { scopes: ['links:write'] });
    const created = await request(url('/api/links'), {
      method: 'POST',
      json: { url: 'https://example.com/by-key', slug: 'made-by-key' },
      headers: header,
    });
    expect(created.status).toBe(201);
    const asOwner = await request(url('/api/links/made-by-key'), { headers: owner });
    expect(asOwner).toMatchObject({ status: 200, body: { url: 'https://example.com/by-key' } });
    const patched = await request(url('/api/links/made-by-key'), {
      method: 'PATCH',
      json: { url: 'https://example.com/by-key-2' },
      headers: header,
    });
    expect(patched.status).toBe(200);
    expect((await request(url('/api/links'), { headers: header })).body.message).toBe(
      'missing scope links:read',
    );
    const removed = await request(url('/api/links/made-by-key'), {
      method: 'DELETE',
      headers: header,
    });
    expect(removed.status).toBe(204);
  });

  it("stats:read reads a link's stats and nothing else", async () => {
    const { header } = await issue(owner, { scopes: ['stats:read'] });
    const stats = await request(url('/api/links/owned-by-key-owner/stats'), { headers: header });
    expect(stats).toMatchObject({ status: 200, body: { totalVisits: 0 } });
    expect((await request(url('/api/links'), { headers: header })).status).toBe(403);
  });

  it("products:write only for admins: a user may not grant it, an admin's key writes products", async () => {
    const refused = await request(url('/api/keys'), {
      method: 'POST',
      json: { name: 'shop', scopes: ['products:write'] },
      headers: owner,
    });
    expect(refused).toMatchObject({
      status: 403,
      body: { message: 'Only admins may grant products:write' },
    });
    const { header } = await issue(admin, { scopes: ['products:write'] });
    const product = await request(url('/api/products'), {
      method: 'POST',
      json: PRODUCT,
      headers: header,
    });
    expect(product.status).toBe(201);
    const { header: readOnly } = await issue(admin, { scopes: ['links:read'] });
    const refusedWrite = await request(url(`/api/products/${product.body.id}`), {
      method: 'DELETE',
      headers: readOnly,
    });
    expect(refusedWrite).toMatchObject({
      status: 403,
      body: { message: 'missing scope products:write' },
    });
  });

  it('refuses to grant keys (400): managing keys needs an access token', async () => {
    const refused = await request(url('/api/keys'), {
      method: 'POST',
      json: { name: 'key maker', scopes: ['links:read', 'keys'] },
      headers: owner,
    });
    expect(refused.status).toBe(400);
    expect(refused.body.fields).toEqual([
      {
        field: 'scopes.1',
        message: 'keys is never granted to an API key: managing keys needs an access token',
      },
    ]);
  });

  it('lets no key manage keys, or call any route that declares no scope (403)', async () => {
    const { id, header } = await issue(owner, {
      scopes: ['links:read', 'links:write', 'stats:read'],
    });
    const calls: [string, string, unknown?][] = [
      ['GET', '/api/keys'],
      ['POST', '/api/keys', { name: 'child', scopes: ['links:read'] }],
      ['DELETE', `/api/keys/${id}`],
      ['GET', '/auth/me'],
    ];
    for (const [method, path, json] of calls) {
      const answer = await request(url(path), { method, json, headers: header });
      expect(answer, `${method} ${path}`).toMatchObject({
        status: 403,
        body: { message: 'This route needs an access token: API keys cannot call it' },
      });
    }
  });

  it('refuses wrong keys with 401, and a key sent with an access token', async () => {
    const { key } = await issue(owner, { scopes: ['links:read'] });
    const wrong = [
      `${key.slice(0, -1)}${key.endsWith('0') ? '1' : '0'}`,
      'bk_00000000_' + '0'.repeat(64),
      'not a key',
      key.toUpperCase(),
    ];
    for (const presented of wrong) {
      const answer = await request(url('/api/links'), { headers: { 'x-api-key': presented } });
      expect(answer, presented).toMatchObject({
        status: 401,
        body: { message: 'Invalid API key' },
      });
    }
    const both = await request(url('/api/links'), { headers: { 'x-api-key': key, ...owner } });
    expect(both).toMatchObject({
      status: 401,
      body: { message: 'Send an access token or an API key, not both' },
    });
  });

  it('refuses an expired key with 401', async () => {
    const expiresAt = new Date(Date.now() + 1_500).toISOString();
    const { header } = await issue(owner, { scopes: ['links:read'], expiresAt });
    expect((await request(url('/api/links'), { headers: header })).status).toBe(200);
    await eventually(
      async () =>
        expect(await request(url('/api/links'), { headers: header })).toMatchObject({
          status: 401,
          body: { message: 'API key expired' },
        }),
      { timeoutMs: 5_000, intervalMs: 200 },
    );
    const listed = await request(url('/api/keys'), { headers: owner });
    expect(
      listed.body.items.some((item: { expiresAt: string }) => item.expiresAt === expiresAt),
    ).toBe(true);
  });

  it("revokes a key at once: 401, gone from the list, and not the owner's to revoke twice", async () => {
    const { id, header } = await issue(owner, { scopes: ['links:read'] });
    expect((await request(url('/api/links'), { headers: header })).status).toBe(200);
    const stranger = await signUp(beacon.gatewayUrl);
    const byStranger = await request(url(`/api/keys/${id}`), {
      method: 'DELETE',
      headers: stranger,
    });
    expect(byStranger).toMatchObject({
      status: 404,
      body: { message: `No API key with id ${id}` },
    });
    expect(
      (await request(url(`/api/keys/${id}`), { method: 'DELETE', headers: owner })).status,
    ).toBe(204);
    expect(await request(url('/api/links'), { headers: header })).toMatchObject({
      status: 401,
      body: { message: 'API key revoked' },
    });
    const listed = await request(url('/api/keys'), { headers: owner });
    expect(listed.body.items.map((item: { id: string }) => item.id)).not.toContain(id);
    expect(
      (await request(url(`/api/keys/${id}`), { method: 'DELETE', headers: owner })).status,
    ).toBe(404);
    expect(
      (await request(url('/api/keys/nope'), { method: 'DELETE', headers: owner })).status,
    ).toBe(404);
  });

  it('records the last use, without a write per request', async () => {
    const { id, header } = await issue(owner, { scopes: ['links:read'] });
    const lastUsed = async () => {
      const listed = await request(url('/api/keys'), { headers: owner });
      return listed.body.items.find((item: { id: string }) => item.id === id).lastUsedAt;
    };
    expect(await lastUsed()).toBeNull();
    expect((await request(url('/api/links'), { headers: header })).status).toBe(200);
    const first = await eventually(async () => {
      const stored = await lastUsed();
      expect(stored).not.toBeNull();
      return stored as string;
    });
    for (let i = 0; i < 5; i++) {
      expect((await request(url('/api/links'), { headers: header })).status).toBe(200);
    }
    // Within the minute the stored time stays that of the first use.
    expect(await lastUsed()).toBe(first);
  });

  it('counts every attempt in auth_attempts_total{action="api_key"} by result', async () => {
    const samples = parseMetrics(await (await fetch(url('/metrics'))).text());
    const attempts = (result: string) =>
      valueOf(samples, 'auth_attempts_total', { action: 'api_key', result });
    expect(attempts('success')).toBeGreaterThanOrEqual(10);
    expect(attempts('missing_scope')).toBeGreaterThanOrEqual(6);
    expect(attempts('access_token_only')).toBe(4);
    expect(attempts('invalid_key')).toBe(4);
    expect(attempts('expired')).toBeGreaterThanOrEqual(1);
    expect(attempts('revoked')).toBe(1);
  });
});

describe('API keys across gateway processes: revocation, rate limits, logs and storage', () => {
  let beacon: BeaconHarness;
  let owner: BearerHeader;
  let replicaUrl: string;

  beforeAll(async () => {
    beacon = await startBeacon({
      processes: {},
      env: {
        LOG_LEVEL: 'debug',
        TRUST_PROXY: '1',
        RATE_LIMIT_MAX: '1',
        RATE_LIMIT_BURST: '50',
        API_KEY_RATE_LIMIT_MAX: '1',
        API_KEY_RATE_LIMIT_BURST: '3',
      },
    });
    replicaUrl = await beacon.startGatewayReplica();
    owner = await signUp(beacon.gatewayUrl);
  });
  afterAll(() => beacon?.stop());

  it('refuses a key revoked through one replica on the other within a second', async () => {
    const { id, header } = await issueKey(beacon.gatewayUrl, owner, { scopes: ['links:read'] });
    expect((await request(`${replicaUrl}/api/links`, { headers: header })).status).toBe(200);
    const revoked = await request(`${beacon.gatewayUrl}/api/keys/${id}`, {
      method: 'DELETE',
      headers: owner,
    });
    expect(revoked.status).toBe(204);
    await eventually(
      async () =>
        expect(await request(`${replicaUrl}/api/links`, { headers: header })).toMatchObject({
          status: 401,
          body: { message: 'API key revoked' },
        }),
      { timeoutMs: 1_000, intervalMs: 50 },
    );
  });

  it("limits a key by its own bucket, whatever address it comes from, apart from the address's", async () => {
    const first = await issueKey(beacon.gatewayUrl, owner, { scopes: ['links:read'] });
    const second = await issueKey(beacon.gatewayUrl, owner, { scopes: ['links:read'] });
    const from = (n: number) => ({ 'x-forwarded-for': `198.51.100.${n}` });
    const answers: JsonResponse[] = [];
    for (let n = 1; n <= 4; n++) {
      answers.push(
        await request(`${beacon.gatewayUrl}/api/links`, {
          headers: { ...first.header, ...from(n) },
        }),
      );
    }
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 429]);
    expect(answers[0].headers.get('ratelimit-policy')).toBe('"key";q=3;w=60');
    // The next token comes a minute after the first request (less the milliseconds spent since).
    expect(answers[2].headers.get('ratelimit')).toMatch(/^"key";r=0;t=(59|60)$/);
    expect(answers[3].headers.get('retry-after')).toMatch(/^(59|60)$/);
    // The other key, and the same address with an access token, have buckets of their own.
    const other = await request(`${beacon.gatewayUrl}/api/links`, {
      headers: { ...second.header, ...from(1) },
    });
    expect(other.status).toBe(200);
    const withToken = await request(`${beacon.gatewayUrl}/api/links`, {
      headers: { ...owner, ...from(1) },
    });
    expect(withToken.status).toBe(200);
    expect(withToken.headers.get('ratelimit-policy')).toBe('"api";q=50;w=60');
    // A wrong key spends the address's tokens, as a wrong access token does.
    const wrong = await request(`${beacon.gatewayUrl}/api/links`, {
      headers: { 'x-api-key': 'bk_00000000_' + '0'.repeat(64), ...from(1) },
    });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('ratelimit')).toMatch(/^"api";r=48;/);
  });

  it('never writes a key to the logs or in clear to the database', async () => {
    // The harness keeps the output of the last gateway started: the replica's, so all happens there.
    const issued = await issueKey(replicaUrl, owner, { scopes: ['links:read'] });
    const secret = issued.key.split('_')[2];
    const hash = createHash('sha256').update(issued.key).digest('hex');
    // Listed, used, refused for a scope, revoked, and refused again.
    await request(`${replicaUrl}/api/keys`, { headers: owner });
    await request(`${replicaUrl}/api/links`, { headers: issued.header });
    await request(`${replicaUrl}/api/links/nothing/stats`, { headers: issued.header });
    await request(`${replicaUrl}/api/keys/${issued.id}`, { method: 'DELETE', headers: owner });
    const refused = await request(`${replicaUrl}/api/links`, { headers: issued.header });
    const refusedId = refused.headers.get('x-request-id');
    await eventually(() =>
      expect(
        beacon.output.gateway.some((line) => line.includes(`"requestId":"${refusedId}"`)),
      ).toBe(true),
    );
    const logs = beacon.output.gateway.join('\n');
    // Debug logs are on, and the requests themselves were logged.
    expect(logs).toContain('"level":"debug"');
    expect(logs).toContain('"route":"/api/keys"');
    expect(logs).not.toContain(secret);
    expect(logs).not.toContain(hash);

    const tables = await beacon.sql<{ name: string }>(
      'SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE()',
    );
    for (const { name } of tables) {
      const rows = JSON.stringify(await beacon.sql(`SELECT * FROM \`${name}\``));
      expect(rows, name).not.toContain(secret);
    }
    const [stored] = await beacon.sql<{ key_hash: string }>(
      'SELECT key_hash FROM api_keys WHERE id = ?',
      [issued.id],
    );
    expect(stored.key_hash).toBe(hash);
  });
});
