import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBeacon, type BeaconHarness } from './support/beacon-harness';
import { request } from './support/http-client';

describe('links API and redirects', () => {
  let beacon: BeaconHarness;
  let api: string;
  beforeAll(async () => {
    beacon = await startBeacon({ env: { PUBLIC_BASE_URL: 'https://sho.rt/' } });
    api = `${beacon.gatewayUrl}/api/links`;
  });
  afterAll(() => beacon?.stop());

  const create = (json: unknown) => request(api, { method: 'POST', json });

  it('creates a link with a random slug and a short URL from PUBLIC_BASE_URL, not Host', async () => {
    const created = await request(api, {
      method: 'POST',
      json: { url: 'https://example.com/a?b=c' },
      headers: { host: 'evil.example' },
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
    const read = await request(`${api}/read-back`);
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
    expect((await request(`${api}/no-such-link`)).status).toBe(404);
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
    expect((await request(`${api}/doomed`, { method: 'DELETE' })).status).toBe(204);
    expect((await request(`${beacon.gatewayUrl}/doomed`)).status).toBe(404);
    expect((await request(`${api}/doomed`)).status).toBe(404);
    expect((await request(`${api}/doomed`, { method: 'DELETE' })).status).toBe(404);
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
    ['a missing URL', {}, 'url'],
    ['a non-string URL', { url: 42 }, 'url'],
    ['an overlong URL', { url: `https://example.com/${'a'.repeat(2100)}` }, 'url'],
    ['a too short slug', { url: 'https://example.com', slug: 'ab' }, 'slug'],
    ['a too long slug', { url: 'https://example.com', slug: 'a'.repeat(65) }, 'slug'],
    ['a slug with a slash', { url: 'https://example.com', slug: 'a/b/c' }, 'slug'],
    ['a slug with unicode', { url: 'https://example.com', slug: 'caf\u00e9s' }, 'slug'],
    ['the reserved slug api', { url: 'https://example.com', slug: 'api' }, 'slug'],
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
      headers: { 'content-type': 'application/json' },
    });
    expect(broken.status).toBe(400);
    expect(broken.body.requestId).toBeTruthy();
    const text = await request(api, {
      method: 'POST',
      body: 'url=x',
      headers: { 'content-type': 'text/plain' },
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
      headers: { 'x-request-id': 'trace-1234-abcd' },
    });
    expect(kept.headers.get('x-request-id')).toBe('trace-1234-abcd');
    expect(kept.body.requestId).toBe('trace-1234-abcd');
    const replaced = await request(`${api}/nothing-here`, {
      headers: { 'x-request-id': 'bad id <script>' },
    });
    expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
