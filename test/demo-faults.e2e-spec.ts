import { createEnvelope, linkVisited } from '@beacon/messaging';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp } from './support/accounts';
import { AmqpTestClient } from './support/amqp-test-client';
import { startBeacon, type BeaconHarness } from './support/beacon-harness';
import { eventually } from './support/eventually';
import { request } from './support/http-client';
import { parseMetrics, valueOf } from './support/metrics-text';

const DEATH_REASON_HEADER = 'x-beacon-death-reason';
const OPEN = 2;

const workerMetric = async (beacon: BeaconHarness, name: string, labels = {}) =>
  valueOf(parseMetrics(await (await fetch(`${beacon.workerUrl}/metrics`)).text()), name, labels);

describe('demo faults: a slow, failing worker', () => {
  let beacon: BeaconHarness;
  let amqp: AmqpTestClient;
  beforeAll(async () => {
    beacon = await startBeacon({
      worker: true,
      env: {
        DEMO_WORKER_DELAY_MS: '200',
        DEMO_WORKER_FAILURE_RATE: '1',
        EVENT_RETRY_DELAYS_MS: '100',
      },
    });
    amqp = await AmqpTestClient.open(beacon.config.rabbitmq.urls, beacon.topology);
  });
  afterAll(async () => {
    await amqp?.close();
    await beacon?.stop();
  });

  it('delays every event, fails it, retries it, then dead-letters it', async () => {
    await amqp.publishEvent(
      linkVisited.type,
      createEnvelope(linkVisited, {
        linkId: '1',
        slug: 'demo',
        visitedAt: new Date().toISOString(),
        referrer: null,
        userAgent: null,
        ipHash: createHash('sha256').update('demo').digest('hex'),
      }),
    );
    const dead = await eventually(async () => {
      const message = await amqp.take(beacon.topology.deadQueue('analytics'));
      expect(message).toBeDefined();
      return message!;
    });
    expect(dead.properties.headers?.[DEATH_REASON_HEADER]).toBe(
      'failed 2 times, last: demo fault: DEMO_WORKER_FAILURE_RATE',
    );
    const failed = await workerMetric(beacon, 'events_consumed_total', {
      consumer: 'analytics',
      type: 'link.visited',
      result: 'failed',
    });
    expect(failed).toBe(2);
    const seconds = await workerMetric(beacon, 'event_processing_duration_seconds_sum', {
      consumer: 'analytics',
      type: 'link.visited',
    });
    expect(seconds, 'two attempts of at least 200 ms each').toBeGreaterThanOrEqual(0.4);
  });
});

describe('demo faults: a failing AI provider', () => {
  let beacon: BeaconHarness;
  beforeAll(async () => {
    beacon = await startBeacon({ worker: true, env: { DEMO_AI_FAILURE: 'true' } });
  });
  afterAll(() => beacon?.stop());

  it('fails every provider call until the circuit opens, and the fallback answers', async () => {
    const owner = await signUp(beacon.gatewayUrl);
    for (
      let i = 1;
      i <= 10 &&
      (await workerMetric(beacon, 'circuit_breaker_state', { name: 'ai-provider' })) !== OPEN;
      i++
    ) {
      const slug = `demo-ai-${i}`;
      const created = await request(`${beacon.gatewayUrl}/api/links`, {
        method: 'POST',
        json: { url: 'https://www.youtube.com/watch?v=demo', slug },
        headers: owner,
      });
      expect(created.status).toBe(201);
      await eventually(async () => {
        const link = await request(`${beacon.gatewayUrl}/api/links/${slug}`, { headers: owner });
        expect(link.body.category).toBe('video');
      });
    }
    expect(await workerMetric(beacon, 'circuit_breaker_state', { name: 'ai-provider' })).toBe(OPEN);
    expect(await workerMetric(beacon, 'ai_requests_total', { result: 'error' })).toBeGreaterThan(0);
    expect(await workerMetric(beacon, 'ai_requests_total', { result: 'success' })).toBe(0);
  });
});
