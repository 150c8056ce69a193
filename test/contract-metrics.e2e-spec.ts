import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AmqpTestClient } from './support/amqp-test-client';
import { startBeacon, type BeaconHarness } from './support/beacon-harness';
import { eventually } from './support/eventually';
import { signUp, type BearerHeader } from './support/accounts';
import { request } from './support/http-client';
import { samplesOf, scrapeMetrics, valueOf, type MetricSample } from './support/metrics-text';

const TOKEN = 'contract-metrics-token';

/** Gateway and worker in their own processes, so each /metrics shows that app's metrics only. */
describe('contract metrics on /metrics', () => {
  let beacon: BeaconHarness;
  let amqp: AmqpTestClient;
  let owner: BearerHeader;
  beforeAll(async () => {
    beacon = await startBeacon({
      worker: true,
      processes: {},
      env: { METRICS_AUTH_TOKEN: TOKEN },
    });
    amqp = await AmqpTestClient.open(beacon.config.rabbitmq.urls, beacon.topology);
    owner = await signUp(beacon.gatewayUrl);
  });
  afterAll(async () => {
    await amqp?.close();
    await beacon?.stop();
  });

  const gateway = () => scrapeMetrics(beacon.gatewayUrl, TOKEN);
  const worker = () => scrapeMetrics(beacon.workerUrl, TOKEN);
  const visit = (slug: string) => request(`${beacon.gatewayUrl}/${slug}`);
  const create = (json: object) =>
    request(`${beacon.gatewayUrl}/api/links`, { method: 'POST', json, headers: owner });

  it('count links, redirects by result, the cache, HTTP by route template and published events', async () => {
    expect((await create({ url: 'https://example.com/a', slug: 'metrics-a' })).status).toBe(201);
    expect(
      (await create({ url: 'https://example.com/b', slug: 'once', maxVisits: 1 })).status,
    ).toBe(201);
    expect((await create({ url: 'not a url' })).status).toBe(400);
    expect((await visit('metrics-a')).status).toBe(302);
    expect((await visit('once')).status).toBe(302);
    expect((await visit('once')).status).toBe(410);
    expect((await visit('never-created')).status).toBe(404);

    const samples = await eventually(async () => {
      const current = await gateway();
      expect(valueOf(current, 'events_published_total', { type: 'link.visited' })).toBe(2);
      return current;
    });
    expect(valueOf(samples, 'links_created_total')).toBe(2);
    expect(labelled(samples, 'link_redirects_total', 'result')).toEqual({
      found: 2,
      expired: 1,
      not_found: 1,
    });
    expect(valueOf(samples, 'cache_requests_total', { cache: 'links', result: 'hit' })).toBe(3);
    expect(valueOf(samples, 'cache_requests_total', { cache: 'links', result: 'miss' })).toBe(1);
    expect(
      valueOf(samples, 'events_published_total', { type: 'link.visited', result: 'confirmed' }),
    ).toBe(2);
    // The enrichment queue takes link.created, so the broker confirms it.
    expect(
      valueOf(samples, 'events_published_total', { type: 'link.created', result: 'confirmed' }),
    ).toBe(2);
    expect(samplesOf(samples, 'events_published_total', { result: 'failed' })).toEqual([]);

    const http = (route: string, status: string, method = 'GET') =>
      valueOf(samples, 'http_requests_total', { method, route, status_code: status });
    expect(http('/api/links', '201', 'POST')).toBe(2);
    expect(http('/api/links', '400', 'POST')).toBe(1);
    expect(http('/:slug', '302')).toBe(2);
    expect(http('/:slug', '410')).toBe(1);
    expect(http('/:slug', '404')).toBe(1);
    expect(
      valueOf(samples, 'http_request_duration_seconds_count', {
        route: '/:slug',
        status_code: '302',
      }),
    ).toBe(2);
    expect(
      samplesOf(samples, 'http_request_duration_seconds_bucket', { route: '/:slug' }).length,
    ).toBeGreaterThan(0);
    // The consumer's metrics live in the worker's process only.
    expect(samplesOf(samples, 'events_consumed_total')).toEqual([]);
  });

  it('count consumed events, their processing time and lag, and dead letters on the worker', async () => {
    await amqp.publishEvent('link.visited', 'this is not an envelope');
    const samples = await eventually(async () => {
      const current = await worker();
      expect(
        valueOf(current, 'events_consumed_total', {
          consumer: 'analytics',
          type: 'link.visited',
          result: 'processed',
        }),
      ).toBe(2);
      expect(
        valueOf(current, 'events_consumed_total', {
          consumer: 'analytics',
          type: 'unknown',
          result: 'dead',
        }),
      ).toBe(1);
      return current;
    });
    expect(
      valueOf(samples, 'event_processing_duration_seconds_count', {
        consumer: 'analytics',
        type: 'link.visited',
      }),
    ).toBe(2);
    expect(
      valueOf(samples, 'event_lag_seconds_count', { consumer: 'analytics', type: 'link.visited' }),
    ).toBe(2);
    expect(
      valueOf(samples, 'event_lag_seconds_sum', { consumer: 'analytics', type: 'link.visited' }),
    ).toBeLessThan(30);
    expect(
      valueOf(samples, 'http_requests_total', { route: '/health/live', status_code: '200' }),
    ).toBeGreaterThan(0);
    expect(valueOf(samples, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(samplesOf(samples, 'links_created_total').every((sample) => sample.value === 0)).toBe(
      true,
    );
  });

  it('keep the HTTP series bounded through a scan of 10,000 random unknown paths', async () => {
    const seriesBefore = samplesOf(await gateway(), 'http_requests_total').length;
    const paths = Array.from({ length: 10_000 }, (_, i) =>
      i % 2 === 0 ? `/${randomToken()}` : `/${randomToken()}/${randomToken()}/${i}`,
    );
    await inParallel(paths, 50, async (path) => {
      const response = await fetch(`${beacon.gatewayUrl}${path}`, { redirect: 'manual' });
      await response.arrayBuffer();
      expect(response.status).toBe(404);
    });
    const samples = await gateway();
    expect(samplesOf(samples, 'http_requests_total').length).toBeLessThanOrEqual(seriesBefore + 2);
    expect(
      valueOf(samples, 'http_requests_total', { route: 'unmatched', status_code: '404' }),
    ).toBe(5_000);
    expect(valueOf(samples, 'http_requests_total', { route: '/:slug', status_code: '404' })).toBe(
      5_001,
    );
  });
});

/** `{ labelValue: value }` of one metric, by one label. */
function labelled(samples: MetricSample[], name: string, label: string): Record<string, number> {
  return Object.fromEntries(
    samplesOf(samples, name).map((sample) => [sample.labels[label], sample.value]),
  );
}

function randomToken(): string {
  return Math.random().toString(36).slice(2, 10);
}

async function inParallel<T>(
  items: T[],
  concurrency: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: concurrency }, async () => {
    while (next < items.length) await work(items[next++]);
  });
  await Promise.all(lanes);
}
