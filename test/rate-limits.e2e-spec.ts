import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from './support/app-process';
import { signUp } from './support/accounts';
import { startBeacon, type BeaconHarness } from './support/beacon-harness';
import { request } from './support/http-client';
import { parseMetrics, valueOf } from './support/metrics-text';

const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';

const get = (url: string, headers: Record<string, string> = {}) => request(url, { headers });

describe('rate limits per client IP', () => {
  let beacon: BeaconHarness;
  beforeAll(async () => {
    beacon = await startBeacon({ env: { RATE_LIMIT_MAX: '5', AUTH_RATE_LIMIT_MAX: '3' } });
  });
  afterAll(() => beacon?.stop());

  it('answers 429 past RATE_LIMIT_MAX, with Retry-After and RateLimit-* headers', async () => {
    const answers = [];
    for (let i = 0; i < 6; i++) answers.push(await get(`${beacon.gatewayUrl}/no-such-link-${i}`));
    expect(answers.map((answer) => answer.status)).toEqual([404, 404, 404, 404, 404, 429]);
    expect(answers[0].headers.get('ratelimit-limit')).toBe('5');
    expect(answers[0].headers.get('ratelimit-remaining')).toBe('4');
    expect(Number(answers[0].headers.get('ratelimit-reset'))).toBeGreaterThan(0);
    const refused = answers[5];
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(refused.body).toMatchObject({
      statusCode: 429,
      error: 'Too Many Requests',
      message: `Too many requests: try again in ${retryAfter} s`,
    });
    expect(refused.body.requestId).toBe(refused.headers.get('x-request-id'));
  });

  it('limits before authentication: a flood of bad tokens gets 429, not endless 401s', async () => {
    const me = await get(`${beacon.gatewayUrl}/auth/me`, { authorization: 'Bearer forged' });
    expect(me.status).toBe(429);
  });

  it('never limits scrapes and probes', async () => {
    for (let i = 0; i < 10; i++) {
      expect((await get(`${beacon.gatewayUrl}/health/live`)).status).toBe(200);
    }
    const metrics = await fetch(`${beacon.gatewayUrl}/metrics`);
    expect(metrics.status).toBe(200);
    const samples = parseMetrics(await metrics.text());
    expect(valueOf(samples, 'rate_limit_rejections_total', { route: '/:slug' })).toBe(1);
    expect(valueOf(samples, 'rate_limit_rejections_total', { route: '/auth/me' })).toBe(1);
  });

  it('ignores X-Forwarded-For from a peer TRUST_PROXY does not name', async () => {
    const spoofed = await get(`${beacon.gatewayUrl}/anything`, {
      'x-forwarded-for': '203.0.113.9',
    });
    expect(spoofed.status).toBe(429);
  });
});

describe('rate limits on the redirect, which Fastify serves outside Nest', () => {
  let beacon: BeaconHarness;
  beforeAll(async () => {
    beacon = await startBeacon({ env: { RATE_LIMIT_MAX: '5' } });
  });
  afterAll(() => beacon?.stop());

  it('counts GET and HEAD like any request; errors carry the RateLimit-* headers, a 302 none', async () => {
    const owner = await signUp(beacon.gatewayUrl);
    const created = await request(`${beacon.gatewayUrl}/api/links`, {
      method: 'POST',
      headers: owner,
      json: { url: 'https://example.com/limited' },
    });
    expect(created.status).toBe(201);
    const link = `${beacon.gatewayUrl}/${created.body.slug}`;

    const redirect = await get(link);
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get('location')).toBe('https://example.com/limited');
    expect(redirect.headers.get('x-request-id')).toBeTruthy();
    expect(redirect.headers.get('ratelimit-limit')).toBeNull();
    const head = await request(link, { method: 'HEAD' });
    expect(head.status).toBe(302);
    expect(head.headers.get('location')).toBe('https://example.com/limited');

    const missing = await get(`${beacon.gatewayUrl}/no-such-link`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('ratelimit-limit')).toBe('5');
    expect(missing.headers.get('ratelimit-remaining')).toBe('0');

    const refused = await get(link);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused.body).toMatchObject({ statusCode: 429, error: 'Too Many Requests' });
  });
});

describe('the stricter limit on login, register and refresh', () => {
  let beacon: BeaconHarness;
  beforeAll(async () => {
    beacon = await startBeacon({ env: { AUTH_RATE_LIMIT_MAX: '3' } });
  });
  afterAll(() => beacon?.stop());

  it('allows AUTH_RATE_LIMIT_MAX attempts per route, then 429', async () => {
    const login = () =>
      request(`${beacon.gatewayUrl}/auth/login`, {
        method: 'POST',
        json: { email: 'guess@example.com', password: 'guess guess guess' },
      });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await login()).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
    const refused = await login();
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    const register = await request(`${beacon.gatewayUrl}/auth/register`, {
      method: 'POST',
      json: { email: 'fresh@example.com', password: 'a fine long password' },
    });
    expect(register.status).toBe(201);
    expect((await get(`${beacon.gatewayUrl}/no-such-link`)).status).toBe(404);
  });
});

describe('rate limits behind a trusted proxy', () => {
  let beacon: BeaconHarness;
  beforeAll(async () => {
    beacon = await startBeacon({ env: { RATE_LIMIT_MAX: '2', TRUST_PROXY: '1' } });
  });
  afterAll(() => beacon?.stop());

  it("counts each client the proxy names, by the proxy's own X-Forwarded-For entry", async () => {
    const from = (client: string) =>
      get(`${beacon.gatewayUrl}/no-such-link`, { 'x-forwarded-for': client });
    expect((await from('198.51.100.1')).status).toBe(404);
    expect((await from('198.51.100.1')).status).toBe(404);
    expect((await from('198.51.100.1')).status).toBe(429);
    expect((await from('198.51.100.2')).status).toBe(404);
    // A client cannot pick its own bucket: with one trusted hop, only the last entry counts.
    expect((await from('10.9.9.9, 198.51.100.1')).status).toBe(429);
  });
});

describe('rate limits shared through Redis', () => {
  let beacon: BeaconHarness;
  let replica: string;
  beforeAll(async () => {
    beacon = await startBeacon({ env: { RATE_LIMIT_MAX: '4', REDIS_URL } });
    replica = await beacon.startGatewayReplica();
  });
  afterAll(() => beacon?.stop());

  it('counts one client across two gateway replicas', async () => {
    const statuses = [];
    for (const base of [beacon.gatewayUrl, replica, beacon.gatewayUrl, replica, replica]) {
      statuses.push((await get(`${base}/no-such-link`)).status);
    }
    expect(statuses).toEqual([404, 404, 404, 404, 429]);
    expect((await get(`${beacon.gatewayUrl}/no-such-link`)).status).toBe(429);
  });
});

describe('rate limits while Redis is unreachable', () => {
  let beacon: BeaconHarness;
  beforeAll(async () => {
    // Nothing listens there: start-up waits a moment for Redis, then goes on without it.
    const closed = `redis://127.0.0.1:${await freePort()}`;
    beacon = await startBeacon({ env: { RATE_LIMIT_MAX: '1', REDIS_URL: closed } });
  }, 20_000);
  afterAll(() => beacon?.stop());

  it('starts and serves, failing open rather than refusing every request', async () => {
    for (let i = 0; i < 3; i++) {
      expect((await get(`${beacon.gatewayUrl}/no-such-link`)).status).toBe(404);
    }
  });
});
