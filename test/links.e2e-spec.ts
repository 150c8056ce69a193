import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBeacon, type BeaconHarness } from './support/beacon-harness';
import { signUp, type BearerHeader } from './support/accounts';
import { request } from './support/http-client';

describe('links API and redirects', () => {
  let beacon: BeaconHarness;
  let api: string;
  let owner: BearerHeader;
  beforeAll(async () => {
    beacon = await startBeacon({ env: { PUBLIC_BASE_URL: 'https://sho.rt/' } });
    api = `${beacon.gatewayUrl}/api/links`;
    owner = await signUp(beacon.gatewayUrl);
  });
  afterAll(() => beacon?.stop());

  const create = (json: unknown) => request(api, { method: 'POST', json, headers: owner });

  it('creates a link with a random slug and a short URL from PUBLIC_BASE_URL, not Host', async () => {
    const created = await request(api, {
      method: 'POST',
      json: { url: 'https://example.com/a?b=c' },
      headers: { ...owner, host: 'evil.example' },
    });
    expect(created.status).toBe(201);
    expect(created.body.slug).toMatch(/^[A-Za-z0-9]{7}$/);
    expect(created.body.shortUrl).toBe(`https://sho.rt/${created.body.slug}`);
    expect(created.body).toMatchObject({ url: 'https://example.com/a?b=c', maxVisits: null });
  });

  it('draws different random slugs', async () => {
    const slugs = new Set<string>();
    for (let i = 0; i < 20; i++)
      slugs.add((await create({ url: 'https://example.com' })).body.slug);
    expect(slugs.size).toBe(20);
  });

  it('reads a link back and redirects to it with 302', async () => {
    const created = await create({ url: 'https://example.com/target', slug: 'read-back' });
    expect(created.status).toBe(201);
    const read = await request(`${api}/read-back`, { headers: owner });
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ slug: 'read-back', url: 'https://example.com/target' });
    const redirect = await fetch(`${beacon.gatewayUrl}/read-back`, { redirect: 'manual' });
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get('location')).toBe('https://example.com/target');
    expect(redirect.headers.get('cache-control')).toContain('no-store');
  });

  it('redirects a cached link without touching MySQL', async () => {
    expect((await create({ url: 'https://example.com/cached', slug: 'cached' })).status).toBe(201);
    await beacon.sql('RENAME TABLE links TO links_away');
    try {
      const redirect = await fetch(`${beacon.gatewayUrl}/cached`, { redirect: 'manual' });
      expect(redirect.status).toBe(302);
      expect(redirect.headers.get('location')).toBe('https://example.com/cached');
    } finally {
      await beacon.sql('RENAME TABLE links_away TO links');
    }
  });

  it('treats slugs case-sensitively', async () => {
    expect((await create({ url: 'https://example.com/upper', slug: 'CaseSlug' })).status).toBe(201);
    expect((await create({ url: 'https://example.com/lower', slug: 'caseslug' })).status).toBe(201);
    const lower = await fetch(`${beacon.gatewayUrl}/caseslug`, { redirect: 'manual' });
    expect(lower.headers.get('location')).toBe('https://example.com/lower');
  });

  it('answers 409 for a taken custom slug', async () => {
    expect((await create({ url: 'https://example.com', slug: 'taken' })).status).toBe(201);
    const again = await create({ url: 'https://example.org', slug: 'taken' });
    expect(again.status).toBe(409);
    expect(again.body.message).toContain('taken');
  });

  it('answers unknown slugs with a 404 JSON body carrying the request id', async () => {
    const missing = await request(`${beacon.gatewayUrl}/no-such-link`);
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
    expect(missing.body.requestId).toBe(missing.headers.get('x-request-id'));
    expect((await request(`${api}/no-such-link`, { headers: owner })).status).toBe(404);
    expect((await request(`${beacon.gatewayUrl}/no/such/route`)).status).toBe(404);
  });

  it('answers 410 once a link has expired', async () => {
    const expiresAt = new Date(Date.now() + 1_000).toISOString();
    expect((await create({ url: 'https://example.com', slug: 'expiring', expiresAt })).status).toBe(
      201,
    );
    expect((await fetch(`${beacon.gatewayUrl}/expiring`, { redirect: 'manual' })).status).toBe(302);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const gone = await request(`${beacon.gatewayUrl}/expiring`);
    expect(gone.status).toBe(410);
    expect(gone.body.message).toContain('expired');
  });

  it('redirects exactly maxVisits times under 50 concurrent requests, then 410', async () => {
    expect(
      (await create({ url: 'https://example.com', slug: 'limited', maxVisits: 7 })).status,
    ).toBe(201);
    const statuses = await Promise.all(
      Array.from({ length: 50 }, () =>
        fetch(`${beacon.gatewayUrl}/limited`, { redirect: 'manual' }).then((r) => r.status),
      ),
    );
    expect(statuses.filter((status) => status === 302)).toHaveLength(7);
    expect(statuses.filter((status) => status === 410)).toHaveLength(43);
    const after = await request(`${beacon.gatewayUrl}/limited`);
    expect(after.status).toBe(410);
    expect(after.body.message).toContain('maximum number of visits');
  });

  it('deletes a link: it stops redirecting and its slug stays taken', async () => {
    expect((await create({ url: 'https://example.com', slug: 'doomed' })).status).toBe(201);
    expect((await fetch(`${beacon.gatewayUrl}/doomed`, { redirect: 'manual' })).status).toBe(302);
    const remove = () => request(`${api}/doomed`, { method: 'DELETE', headers: owner });
    expect((await remove()).status).toBe(204);
    expect((await request(`${beacon.gatewayUrl}/doomed`)).status).toBe(404);
    expect((await request(`${api}/doomed`, { headers: owner })).status).toBe(404);
    expect((await remove()).status).toBe(404);
    expect((await create({ url: 'https://example.com', slug: 'doomed' })).status).toBe(409);
  });

  it.each([
    ['a javascript: URL', { url: 'javascript:alert(1)' }, 'url'],
    ['a data: URL', { url: 'data:text/html,<script>alert(1)</script>' }, 'url'],
    ['credentials in the URL', { url: 'https://user:pass@example.com' }, 'url'],
    ['a user name in the URL', { url: 'https://user@example.com' }, 'url'],
    ['an ftp URL', { url: 'ftp://example.com/file' }, 'url'],
    ['a relative URL', { url: '/just/a/path' }, 'url'],
    ['a URL with spaces', { url: 'https://exa mple.com' }, 'url'],
    ['a URL back to the shortener', { url: 'https://sho.rt/loop' }, 'url'],
    ['the shortener with a trailing dot', { url: 'https://SHO.RT./loop' }, 'url'],
    ['the shortener over http', { url: 'http://sho.rt/loop' }, 'url'],
    ['a missing URL', {}, 'url'],
    ['a non-string URL', { url: 42 }, 'url'],
    ['an overlong URL', { url: `https://example.com/${'a'.repeat(2100)}` }, 'url'],
    ['a too short slug', { url: 'https://example.com', slug: 'ab' }, 'slug'],
    ['a too long slug', { url: 'https://example.com', slug: 'a'.repeat(65) }, 'slug'],
    ['a slug with a slash', { url: 'https://example.com', slug: 'a/b/c' }, 'slug'],
    ['a slug with unicode', { url: 'https://example.com', slug: 'caf\u00e9s' }, 'slug'],
    ['the reserved slug api', { url: 'https://example.com', slug: 'api' }, 'slug'],
    ['the reserved slug auth', { url: 'https://example.com', slug: 'AUTH' }, 'slug'],
    ['the reserved slug Metrics', { url: 'https://example.com', slug: 'Metrics' }, 'slug'],
    ['the reserved slug health', { url: 'https://example.com', slug: 'health' }, 'slug'],
    ['the reserved slug docs', { url: 'https://example.com', slug: 'docs' }, 'slug'],
    ['maxVisits 0', { url: 'https://example.com', maxVisits: 0 }, 'maxVisits'],
    ['a fractional maxVisits', { url: 'https://example.com', maxVisits: 1.5 }, 'maxVisits'],
    ['a string maxVisits', { url: 'https://example.com', maxVisits: '3' }, 'maxVisits'],
    [
      'an expiry in the past',
      { url: 'https://example.com', expiresAt: '2001-01-01T00:00:00Z' },
      'expiresAt',
    ],
    [
      'an expiry that is no date',
      { url: 'https://example.com', expiresAt: 'tomorrow' },
      'expiresAt',
    ],
  ])('rejects %s with 400 naming the field', async (_case, body, field) => {
    const response = await create(body);
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    expect(response.body.fields.map((f: { field: string }) => f.field)).toContain(field);
    expect(response.body.message).toContain(field);
  });

  it('rejects unknown fields and bodies that are not JSON objects', async () => {
    expect((await create({ url: 'https://example.com', max_visits: 3 })).status).toBe(400);
    expect((await create([])).status).toBe(400);
    expect((await create('just a string')).status).toBe(400);
    const broken = await request(api, {
      method: 'POST',
      body: '{"url":',
      headers: { ...owner, 'content-type': 'application/json' },
    });
    expect(broken.status).toBe(400);
    expect(broken.body.requestId).toBeTruthy();
    const text = await request(api, {
      method: 'POST',
      body: 'url=x',
      headers: { ...owner, 'content-type': 'text/plain' },
    });
    expect(text.status).toBe(415);
    const huge = await create({ url: 'https://example.com', padding: 'x'.repeat(100_000) });
    expect(huge.status).toBe(413);
  });

  it('answers malformed and overlong paths with the same JSON error shape', async () => {
    const malformed = await request(`${beacon.gatewayUrl}/%E0%A4%A`);
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    expect(malformed.body.requestId).toBe(malformed.headers.get('x-request-id'));
    const overlong = await request(`${beacon.gatewayUrl}/${'a'.repeat(5_000)}`);
    expect(overlong.status).toBe(414);
    expect(overlong.body.requestId).toBeTruthy();
    expect(overlong.body).not.toHaveProperty('code');
  });

  it('keeps a well-formed X-Request-Id and replaces a malformed one', async () => {
    const kept = await request(`${api}/nothing-here`, {
      headers: { ...owner, 'x-request-id': 'trace-1234-abcd' },
    });
    expect(kept.headers.get('x-request-id')).toBe('trace-1234-abcd');
    expect(kept.body.requestId).toBe('trace-1234-abcd');
    const replaced = await request(`${api}/nothing-here`, {
      headers: { ...owner, 'x-request-id': 'bad id <script>' },
    });
    expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('needs an account to create, list or manage links, but not to follow one', async () => {
    const anonymous = await request(api, { method: 'POST', json: { url: 'https://example.com' } });
    expect(anonymous).toMatchObject({ status: 401, body: { message: 'Missing access token' } });
    expect((await request(api)).status).toBe(401);
    expect((await create({ url: 'https://example.com/open', slug: 'open-door' })).status).toBe(201);
    expect((await request(`${api}/open-door`)).status).toBe(401);
    expect((await request(`${api}/open-door`, { method: 'DELETE' })).status).toBe(401);
    expect((await fetch(`${beacon.gatewayUrl}/open-door`, { redirect: 'manual' })).status).toBe(
      302,
    );
  });

  it('hides a link from everyone but its owner and admins (404, as if it did not exist)', async () => {
    expect((await create({ url: 'https://example.com/mine', slug: 'owned-one' })).status).toBe(201);
    const stranger = await signUp(beacon.gatewayUrl);
    const asStranger = (path: string, init: Parameters<typeof request>[1] = {}) =>
      request(`${api}/${path}`, { ...init, headers: stranger });
    expect((await asStranger('owned-one')).status).toBe(404);
    expect((await asStranger('owned-one/stats')).status).toBe(404);
    const patch = await asStranger('owned-one', { method: 'PATCH', json: { maxVisits: 1 } });
    expect(patch.status).toBe(404);
    expect(patch.body.message).toBe('No link with slug owned-one');
    expect((await asStranger('owned-one', { method: 'DELETE' })).status).toBe(404);
    expect((await request(`${api}/owned-one`, { headers: owner })).status).toBe(200);

    const adminEmail = `admin-${Date.now()}@example.com`;
    const admin = await signUp(beacon.gatewayUrl, adminEmail);
    await beacon.sql("UPDATE users SET role = 'admin' WHERE email = ?", [adminEmail]);
    expect((await request(`${api}/owned-one`, { headers: admin })).status).toBe(200);
    expect((await request(`${api}/owned-one/stats`, { headers: admin })).status).toBe(200);
  });

  it("lists only the caller's links, newest first, a page at a time", async () => {
    const lister = await signUp(beacon.gatewayUrl);
    for (const slug of ['list-1', 'list-2', 'list-3']) {
      const created = await request(api, {
        method: 'POST',
        json: { url: `https://example.com/${slug}`, slug },
        headers: lister,
      });
      expect(created.status).toBe(201);
    }
    const first = await request(`${api}?limit=2`, { headers: lister });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ page: 1, limit: 2, total: 3 });
    expect(first.body.items.map((link: { slug: string }) => link.slug)).toEqual([
      'list-3',
      'list-2',
    ]);
    const second = await request(`${api}?limit=2&page=2`, { headers: lister });
    expect(second.body.items.map((link: { slug: string }) => link.slug)).toEqual(['list-1']);
    const beyond = await request(`${api}?page=9`, { headers: lister });
    expect(beyond.body).toMatchObject({ items: [], page: 9, limit: 20, total: 3 });
    const someoneElse = await request(api, { headers: await signUp(beacon.gatewayUrl) });
    expect(someoneElse.body).toMatchObject({ items: [], total: 0 });
  });

  it.each([
    'page=0',
    'page=-1',
    'page=abc',
    'page=1e3',
    'limit=101',
    'limit=0',
    'page=1&page=2',
    'limit=99999999999',
  ])('refuses the pagination %s with 400', async (query) => {
    const refused = await request(`${api}?${query}`, { headers: owner });
    expect(refused.status).toBe(400);
    expect(refused.body.fields[0].field).toMatch(/^(page|limit)$/);
  });

  it('updates the target, expiry and visit limit; the redirect follows at once', async () => {
    expect((await create({ url: 'https://example.com/before', slug: 'patched' })).status).toBe(201);
    expect((await fetch(`${beacon.gatewayUrl}/patched`, { redirect: 'manual' })).status).toBe(302);
    const patch = (json: unknown) =>
      request(`${api}/patched`, { method: 'PATCH', json, headers: owner });
    const expiresAt = new Date(Date.now() + 3_600_000).toISOString();
    const updated = await patch({ url: 'https://example.com/after', expiresAt, maxVisits: 5 });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({
      url: 'https://example.com/after',
      expiresAt,
      maxVisits: 5,
    });
    const redirect = await fetch(`${beacon.gatewayUrl}/patched`, { redirect: 'manual' });
    expect(redirect.headers.get('location')).toBe('https://example.com/after');
    const cleared = await patch({ expiresAt: null, maxVisits: null });
    expect(cleared.body).toMatchObject({ expiresAt: null, maxVisits: null });
    expect((await patch({})).status).toBe(400);
    expect((await patch({ slug: 'renamed' })).status).toBe(400);
    expect((await patch({ url: 'javascript:alert(1)' })).status).toBe(400);
    expect((await patch({ url: 'https://sho.rt/loop' })).status).toBe(400);
    expect((await patch({ maxVisits: 0 })).status).toBe(400);
  });
});

// With a loopback origin (the development default), the gateway answers to every name of this
// machine on its port: none of them may be a link's target.
describe('links: no target that is the gateway under another name', () => {
  let beacon: BeaconHarness;
  let owner: BearerHeader;
  beforeAll(async () => {
    beacon = await startBeacon({ env: { PUBLIC_BASE_URL: 'http://localhost:3333' } });
    owner = await signUp(beacon.gatewayUrl);
    const created = await request(`${beacon.gatewayUrl}/api/links`, {
      method: 'POST',
      json: { url: 'https://example.com/', slug: 'elsewhere' },
      headers: owner,
    });
    expect(created.status).toBe(201);
  });
  afterAll(() => beacon?.stop());

  const LOOPBACK_SPELLINGS = [
    'localhost',
    'LOCALHOST',
    'localhost.',
    'app.localhost',
    '127.0.0.1',
    '127.1',
    '127.0.0.2',
    '0x7f.0.0.1',
    '0177.0.0.1',
    '2130706433',
    '[::1]',
    '[::ffff:127.0.0.1]',
    '[::ffff:7f00:1]',
    '0.0.0.0',
    '[::]',
  ];

  it.each(LOOPBACK_SPELLINGS)('refuses http://%s:3333 on create and update', async (host) => {
    const url = `http://${host}:3333/loop`;
    const created = await request(`${beacon.gatewayUrl}/api/links`, {
      method: 'POST',
      json: { url },
      headers: owner,
    });
    expect(created.status, url).toBe(400);
    expect(created.body.fields).toEqual([
      { field: 'url', message: 'must not point to this shortener' },
    ]);
    const updated = await request(`${beacon.gatewayUrl}/api/links/elsewhere`, {
      method: 'PATCH',
      json: { url },
      headers: owner,
    });
    expect(updated.status, url).toBe(400);
  });

  it('accepts this machine on another port, and other hosts on this port', async () => {
    for (const url of ['http://localhost:3334/x', 'http://127.0.0.1/x', 'http://10.0.0.1:3333/x']) {
      const created = await request(`${beacon.gatewayUrl}/api/links`, {
        method: 'POST',
        json: { url },
        headers: owner,
      });
      expect(created.status, url).toBe(201);
    }
  });
});
