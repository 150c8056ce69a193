import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp, type BearerHeader } from './support/accounts';
import { startBeacon, type BeaconHarness } from './support/beacon-harness';
import { eventually } from './support/eventually';
import { request } from './support/http-client';
import { parseMetrics, valueOf } from './support/metrics-text';
import { TcpProxy } from './support/tcp-proxy';

const CLOSED = 0;
const HALF_OPEN = 1;
const OPEN = 2;
const BREAKER_TIMEOUT_MS = 500;
/** Lookups in a row that close the half-open circuit once MySQL is back. */
const SUCCESS_THRESHOLD = 3;
/** Links inserted straight into MySQL, so no cache holds them: each lookup reaches MySQL. */
const UNCACHED = ['outage-uncached', 'recovered-1', 'recovered-2', 'recovered-3'];

/** The gateway reaches MariaDB only through a proxy the test cuts and restores. */
describe('the gateway while MySQL is unreachable', () => {
  let proxy: TcpProxy;
  let beacon: BeaconHarness;
  let owner: BearerHeader;
  const redirect = (slug: string) =>
    fetch(`${beacon.gatewayUrl}/${slug}`, {
      redirect: 'manual',
      signal: AbortSignal.timeout(10_000),
    });
  const timed = async <T>(work: () => Promise<T>) => {
    const started = Date.now();
    const result = await work();
    return { result, ms: Date.now() - started };
  };
  const gatewayMetric = async (name: string, labels: Record<string, string>) =>
    valueOf(parseMetrics(await (await fetch(`${beacon.gatewayUrl}/metrics`)).text()), name, labels);
  const mysqlBreaker = () => gatewayMetric('circuit_breaker_state', { name: 'mysql' });
  const transitions = (from: string, to: string) =>
    gatewayMetric('circuit_breaker_transitions_total', { name: 'mysql', from, to });

  beforeAll(async () => {
    proxy = await TcpProxy.start(
      process.env.DB_HOST || '127.0.0.1',
      Number(process.env.DB_PORT || 3306),
    );
    beacon = await startBeacon({
      env: {
        DB_HOST: '127.0.0.1',
        DB_PORT: String(proxy.port),
        DB_BREAKER_TIMEOUT_MS: String(BREAKER_TIMEOUT_MS),
        DB_BREAKER_RESET_MS: '1000',
        DB_BREAKER_FAILURE_THRESHOLD: '5',
        DB_BREAKER_SUCCESS_THRESHOLD: String(SUCCESS_THRESHOLD),
      },
    });
    owner = await signUp(beacon.gatewayUrl);
    const created = await request(`${beacon.gatewayUrl}/api/links`, {
      method: 'POST',
      json: { url: 'https://example.com/outage-cached', slug: 'outage-cached' },
      headers: owner,
    });
    expect(created.status).toBe(201);
    // Straight into MySQL: a link created through the API is cached at once.
    for (const slug of UNCACHED) {
      await beacon.sql('INSERT INTO links (slug, target_url) VALUES (?, ?)', [
        slug,
        `https://example.com/${slug}`,
      ]);
    }
    expect((await redirect('outage-cached')).status).toBe(302);
  });
  afterAll(async () => {
    proxy?.restore();
    await beacon?.stop();
    await proxy?.close();
  });

  it('redirects cached links, answers 503 fast for the rest, and recovers by itself after DB_BREAKER_SUCCESS_THRESHOLD lookups', async () => {
    proxy.cut();
    try {
      expect((await redirect('outage-cached')).status).toBe(302);

      const first = await timed(() => redirect('outage-uncached'));
      expect(first.result.status).toBe(503);
      expect(first.ms).toBeLessThan(BREAKER_TIMEOUT_MS + 1_500);
      expect(await first.result.json()).toMatchObject({
        statusCode: 503,
        message: 'The database is unavailable; try again shortly',
      });
      // Once the dependency checks have failed HEALTH_UNHEALTHY_THRESHOLD times in a row.
      await eventually(async () =>
        expect((await fetch(`${beacon.gatewayUrl}/health/ready`)).status).toBe(503),
      );

      await eventually(async () => {
        expect((await redirect('outage-uncached')).status).toBe(503);
        expect(await mysqlBreaker()).toBe(OPEN);
      });
      const whileOpen = await timed(() => redirect('outage-uncached'));
      expect(whileOpen.result.status).toBe(503);
      expect(whileOpen.ms, 'an open circuit answers without trying').toBeLessThan(200);
    } finally {
      proxy.restore();
    }

    await eventually(
      async () => expect((await fetch(`${beacon.gatewayUrl}/health/ready`)).status).toBe(200),
      { timeoutMs: 15_000 },
    );
    // DB_BREAKER_RESET_MS after opening, the circuit lets lookups through again by itself.
    await eventually(async () => expect(await mysqlBreaker()).toBe(HALF_OPEN));
    const [, ...recovered] = UNCACHED;
    for (const [i, slug] of recovered.entries()) {
      expect((await redirect(slug)).status, slug).toBe(302);
      expect(await mysqlBreaker(), `after ${i + 1} successful lookups`).toBe(
        i + 1 < SUCCESS_THRESHOLD ? HALF_OPEN : CLOSED,
      );
    }
    expect((await redirect('outage-uncached')).status).toBe(302);

    expect(await transitions('closed', 'open')).toBe(1);
    expect(await transitions('open', 'half_open')).toBe(1);
    expect(await transitions('half_open', 'closed')).toBe(1);
    expect(await transitions('half_open', 'open')).toBe(0);
  });
});
