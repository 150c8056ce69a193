import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp } from './support/accounts';
import { freePort } from './support/app-process';
import { startBeacon, type BeaconHarness } from './support/beacon-harness';
import { request, type JsonResponse } from './support/http-client';
import { createLink } from './support/links';
import { parseMetrics, valueOf } from './support/metrics-text';

const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';

type RateClass = 'api' | 'redirect' | 'auth';

/**
 * A minute's window for every class. The api class refills one token a second (for the refill
 * test); the others one token a minute, which a test's requests never see.
 */
const LIMITS = {
  RATE_LIMIT_WINDOW_MS: '60000',
  RATE_LIMIT_MAX: '60',
  RATE_LIMIT_BURST: '5',
  REDIRECT_RATE_LIMIT_MAX: '1',
  REDIRECT_RATE_LIMIT_BURST: '4',
  AUTH_RATE_LIMIT_MAX: '1',
  AUTH_RATE_LIMIT_BURST: '3',
};
const BURST: Record<RateClass, number> = { api: 5, redirect: 4, auth: 3 };
/** What a request of each class answers while its bucket has tokens. */
const PASSED: Record<RateClass, number> = { api: 401, redirect: 302, auth: 401 };

describe('token buckets per client and route class', () => {
  let beacon: BeaconHarness;
  let client = 0;
  /** Each test speaks from addresses of its own (through the one trusted proxy hop). */
  const newClient = () => ({ 'x-forwarded-for': `198.51.100.${++client}` });

  const send: Record<RateClass, (from: Record<string, string>) => Promise<JsonResponse>> = {
    // Before authentication: a flood of forged tokens meets 429s, not endless 401s.
    api: (from) =>
      request(`${beacon.gatewayUrl}/auth/me`, { headers: { authorization: 'Bearer x', ...from } }),
    redirect: (from) => request(`${beacon.gatewayUrl}/limited`, { headers: from }),
    auth: (from) =>
      request(`${beacon.gatewayUrl}/auth/login`, {
        method: 'POST',
        json: { email: 'guess@example.com', password: 'guess guess guess' },
        headers: from,
      }),
  };

  /** Sends requests until one is refused (at most `most`): how many passed, and the refusal. */
  async function drain(rateClass: RateClass, from: Record<string, string>, most = 20) {
    for (let passed = 0; passed < most; passed++) {
      const answer = await send[rateClass](from);
      if (answer.status === 429) return { passed, refused: answer };
      expect(answer.status).toBe(PASSED[rateClass]);
    }
    throw new Error(`${rateClass}: ${most} requests passed`);
  }

  beforeAll(async () => {
    beacon = await startBeacon({ env: { ...LIMITS, TRUST_PROXY: '1' } });
    const owner = await signUp(beacon.gatewayUrl);
    await createLink(beacon.gatewayUrl, owner, 'limited');
    const locked = await request(`${beacon.gatewayUrl}/api/links`, {
      method: 'POST',
      json: { url: 'https://example.com/locked', slug: 'locked', password: 'open sesame' },
      headers: owner,
    });
    expect(locked.status).toBe(201);
  });
  afterAll(() => beacon?.stop());

  it('lets a burst pass, then answers 429 with Retry-After until the next token', async () => {
    const from = newClient();
    const first = await send.api(from);
    expect(first.headers.get('ratelimit-policy')).toBe('"api";q=5;w=60');
    expect(first.headers.get('ratelimit')).toBe('"api";r=4;t=1');
    const { passed, refused } = await drain('api', from);
    expect(passed).toBe(4);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(refused.headers.get('ratelimit')).toBe('"api";r=0;t=1');
    expect(refused.body).toEqual({
      statusCode: 429,
      error: 'Too Many Requests',
      message: 'Too many requests: try again in 1 s',
      requestId: refused.headers.get('x-request-id'),
    });
  });

  it('refills continuously: after the time of N tokens, exactly N more pass', async () => {
    const from = newClient();
    expect((await drain('api', from)).passed).toBe(5);
    // One token a second: 3.3 s bring three tokens, and the requests take far less than the
    // 0.7 s a fourth would need.
    await sleep(3_300);
    expect((await drain('api', from)).passed).toBe(3);
  });

  it.each<RateClass>(['api', 'redirect', 'auth'])(
    'keeps the classes apart: an empty %s bucket leaves the others full',
    async (emptied) => {
      const from = newClient();
      expect((await drain(emptied, from)).passed).toBe(BURST[emptied]);
      for (const other of (['api', 'redirect', 'auth'] as const).filter((c) => c !== emptied)) {
        const answer = await send[other](from);
        expect(answer.status).toBe(PASSED[other]);
        // The redirect's 302 carries no RateLimit headers.
        if (other === 'redirect') continue;
        expect(answer.headers.get('ratelimit')).toBe(
          `"${other}";r=${BURST[other] - 1};t=${other === 'api' ? 1 : 60}`,
        );
      }
    },
  );

  it('shares the auth bucket between login, register and refresh', async () => {
    const from = newClient();
    const register = () =>
      request(`${beacon.gatewayUrl}/auth/register`, {
        method: 'POST',
        json: { email: `x${client}@example.com`, password: 'a fine long password' },
        headers: from,
      });
    const refresh = () =>
      request(`${beacon.gatewayUrl}/auth/refresh`, {
        method: 'POST',
        json: { refreshToken: 'unknown' },
        headers: from,
      });
    expect((await send.auth(from)).status).toBe(401);
    expect((await refresh()).status).not.toBe(429);
    expect((await register()).status).toBe(201);
    expect((await register()).status).toBe(429);
  });

  it('counts requests that match no route in the api class', async () => {
    const from = newClient();
    const probes = [
      () => request(`${beacon.gatewayUrl}/a/b/c`, { headers: from }),
      () => request(`${beacon.gatewayUrl}/x/y`, { method: 'POST', json: {}, headers: from }),
      () => request(`${beacon.gatewayUrl}/x`, { method: 'DELETE', headers: from }),
    ];
    const answers = [];
    for (let i = 0; i < 6; i++) answers.push(await probes[i % probes.length]());
    expect(answers.map((answer) => answer.status)).toEqual([404, 404, 404, 404, 404, 429]);
    expect(answers[0].headers.get('ratelimit-policy')).toBe('"api";q=5;w=60');
    expect(answers[0].headers.get('ratelimit')).toBe('"api";r=4;t=1');
    const refused = answers[5];
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(refused.body).toEqual({
      statusCode: 429,
      error: 'Too Many Requests',
      message: 'Too many requests: try again in 1 s',
      requestId: refused.headers.get('x-request-id'),
    });
    expect((await send.api(from)).status).toBe(429);
    expect((await send.redirect(from)).status).toBe(302);
  });

  it('sends the RateLimit headers on every limited answer but the redirect', async () => {
    const from = newClient();
    const redirect = await send.redirect(from);
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get('ratelimit-policy')).toBeNull();
    expect(redirect.headers.get('ratelimit')).toBeNull();
    const head = await request(`${beacon.gatewayUrl}/limited`, { method: 'HEAD', headers: from });
    expect(head.status).toBe(302);
    expect(head.headers.get('ratelimit')).toBeNull();

    const missing = await request(`${beacon.gatewayUrl}/no-such-link`, { headers: from });
    expect(missing.status).toBe(404);
    expect(missing.headers.get('ratelimit-policy')).toBe('"redirect";q=4;w=60');
    expect(missing.headers.get('ratelimit')).toBe('"redirect";r=1;t=180');

    const form = await fetch(`${beacon.gatewayUrl}/locked`, { headers: from });
    expect(form.status).toBe(200);
    expect(form.headers.get('ratelimit')).toBe('"redirect";r=0;t=60');
    const refused = await send.redirect(from);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('60');
    expect(refused.headers.get('ratelimit')).toBe('"redirect";r=0;t=60');

    const unlock = await fetch(`${beacon.gatewayUrl}/locked`, {
      method: 'POST',
      body: 'password=open%20sesame',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...from },
      redirect: 'manual',
    });
    expect(unlock.status).toBe(302);
    expect(unlock.headers.get('ratelimit-policy')).toBe(
      '"auth";q=3;w=60, "link-password";q=15;w=60',
    );
    expect(unlock.headers.get('ratelimit')).toBe('"auth";r=2;t=60, "link-password";r=14;t=12');
  });

  it('counts the client the trusted proxy names, never an address the client wrote', async () => {
    const from = newClient();
    await drain('api', from);
    const forged = { 'x-forwarded-for': `10.9.9.9, ${from['x-forwarded-for']}` };
    expect((await send.api(forged)).status).toBe(429);
  });

  it('never limits scrapes and probes, and counts refusals by route', async () => {
    const from = newClient();
    await drain('api', from);
    for (let i = 0; i < 10; i++) {
      const live = await request(`${beacon.gatewayUrl}/health/live`, { headers: from });
      expect(live.status).toBe(200);
      expect(live.headers.get('ratelimit')).toBeNull();
    }
    const metrics = await fetch(`${beacon.gatewayUrl}/metrics`, { headers: from });
    expect(metrics.status).toBe(200);
    const samples = parseMetrics(await metrics.text());
    for (const route of ['/auth/me', '/:slug', '/auth/login', '/auth/register', 'unmatched']) {
      expect(valueOf(samples, 'rate_limit_rejections_total', { route })).toBeGreaterThan(0);
    }
  });
});

describe('token buckets shared through Redis', () => {
  let beacon: BeaconHarness;
  let replica: string;
  beforeAll(async () => {
    // Ten tokens, and one more an hour: none comes back while the test runs.
    beacon = await startBeacon({
      env: {
        RATE_LIMIT_WINDOW_MS: '3600000',
        RATE_LIMIT_MAX: '1',
        RATE_LIMIT_BURST: '10',
        REDIS_URL,
      },
    });
    replica = await beacon.startGatewayReplica();
  });
  afterAll(() => beacon?.stop());

  it('gives two gateway replicas one bucket per client, exactly', async () => {
    const bases = [beacon.gatewayUrl, replica];
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        request(`${bases[i % 2]}/auth/me`, { headers: { authorization: 'Bearer x' } }),
      ),
    );
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 401)).toHaveLength(10);
    expect(statuses.filter((status) => status === 429)).toHaveLength(10);
    // Without TRUST_PROXY, X-Forwarded-For names no client: it buys no fresh bucket.
    const spoofed = await request(`${replica}/auth/me`, {
      headers: { 'x-forwarded-for': '203.0.113.9' },
    });
    expect(spoofed.status).toBe(429);
    expect(spoofed.headers.get('retry-after')).toBe('3600');
  });
});

describe('token buckets while Redis is unreachable', () => {
  let beacon: BeaconHarness;
  beforeAll(async () => {
    // Nothing listens there: start-up waits a moment for Redis, then goes on without it.
    const closed = `redis://127.0.0.1:${await freePort()}`;
    beacon = await startBeacon({
      env: { RATE_LIMIT_MAX: '1', REDIRECT_RATE_LIMIT_MAX: '1', REDIS_URL: closed },
    });
  }, 20_000);
  afterAll(() => beacon?.stop());

  it('starts and serves, failing open rather than refusing every request', async () => {
    for (let i = 0; i < 3; i++) {
      expect((await request(`${beacon.gatewayUrl}/no-such-link`)).status).toBe(404);
      expect((await request(`${beacon.gatewayUrl}/a/b/c`)).status).toBe(404);
    }
  });
});
