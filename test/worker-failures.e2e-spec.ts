import { createEnvelope, linkVisited } from '@beacon/messaging';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AmqpTestClient } from './support/amqp-test-client';
import { startBeacon, type BeaconHarness } from './support/beacon-harness';
import { eventually } from './support/eventually';
import { parseMetrics, valueOf } from './support/metrics-text';
import { TcpProxy } from './support/tcp-proxy';

/** Visits of one link, as the gateway publishes them: arrays of envelopes, 100 a message. */
async function publishVisits(amqp: AmqpTestClient, linkId: string, count: number): Promise<void> {
  const visits = Array.from({ length: count }, (_, index) =>
    createEnvelope(linkVisited, {
      linkId,
      slug: 'worker-failures',
      visitedAt: new Date().toISOString(),
      referrer: null,
      userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Gecko/20100101 Firefox/133.0',
      ipHash: createHash('sha256').update(`visitor ${index}`).digest('hex'),
    }),
  );
  for (let start = 0; start < count; start += 100) {
    await amqp.publishEvent(linkVisited.type, visits.slice(start, start + 100));
  }
}

async function insertLink(beacon: BeaconHarness): Promise<string> {
  await beacon.sql('INSERT INTO links (slug, target_url) VALUES (?, ?)', [
    'worker-failures',
    'https://example.com/worker-failures',
  ]);
  const [{ id }] = await beacon.sql<{ id: string }>('SELECT id FROM links WHERE slug = ?', [
    'worker-failures',
  ]);
  return String(id);
}

const storedVisits = async (beacon: BeaconHarness) => {
  const [counts] = await beacon.sql<{ raw: number; total: string | null }>(
    `SELECT (SELECT COUNT(*) FROM link_visits) AS raw,
            (SELECT SUM(visits) FROM link_daily_stats) AS total`,
  );
  return { raw: Number(counts.raw), total: Number(counts.total ?? 0) };
};

describe('a worker killed with SIGKILL mid-batch', () => {
  let beacon: BeaconHarness;
  let amqp: AmqpTestClient;
  beforeAll(async () => {
    beacon = await startBeacon({ worker: true, gateway: false, processes: {} });
    amqp = await AmqpTestClient.open(beacon.config.rabbitmq.urls, beacon.topology);
  });
  afterAll(async () => {
    await amqp?.close();
    await beacon?.stop();
  });

  it('loses nothing and counts nothing twice once a new worker takes over', async () => {
    const linkId = await insertLink(beacon);
    await publishVisits(amqp, linkId, 5_000);
    await eventually(async () => expect((await storedVisits(beacon)).raw).toBeGreaterThan(0), {
      intervalMs: 10,
    });
    await beacon.signalStop('worker', 'SIGKILL');
    const atKill = await storedVisits(beacon);
    expect(atKill.raw, 'killed before it was done').toBeLessThan(5_000);

    await beacon.startWorker();
    await eventually(
      async () => expect(await storedVisits(beacon)).toEqual({ raw: 5_000, total: 5_000 }),
      {
        timeoutMs: 30_000,
      },
    );
    expect(await amqp.messageCount(beacon.topology.deadQueue('analytics'))).toBe(0);
  }, 60_000);
});

describe("the worker's database unreachable for a while", () => {
  let proxy: TcpProxy;
  let beacon: BeaconHarness;
  let amqp: AmqpTestClient;
  beforeAll(async () => {
    proxy = await TcpProxy.start(
      process.env.DB_HOST || '127.0.0.1',
      Number(process.env.DB_PORT || 3306),
    );
    beacon = await startBeacon({
      worker: true,
      gateway: false,
      env: { DB_HOST: '127.0.0.1', DB_PORT: String(proxy.port) },
    });
    amqp = await AmqpTestClient.open(beacon.config.rabbitmq.urls, beacon.topology);
  });
  afterAll(async () => {
    proxy?.restore();
    await amqp?.close();
    await beacon?.stop();
    await proxy?.close();
  });

  it('retries the visits, then stores each once; none is dead-lettered', async () => {
    const linkId = await insertLink(beacon);
    proxy.cut();
    try {
      await publishVisits(amqp, linkId, 50);
      await new Promise((resolve) => setTimeout(resolve, 3_000));
    } finally {
      proxy.restore();
    }
    await eventually(
      async () => expect(await storedVisits(beacon)).toEqual({ raw: 50, total: 50 }),
      {
        timeoutMs: 40_000,
      },
    );
    expect(await amqp.messageCount(beacon.topology.deadQueue('analytics'))).toBe(0);
    const metrics = parseMetrics(await (await fetch(`${beacon.workerUrl}/metrics`)).text());
    expect(
      valueOf(metrics, 'events_consumed_total', { type: 'link.visited', result: 'failed' }),
      'visits that failed while MySQL was away, and were retried',
    ).toBeGreaterThan(0);
  }, 60_000);
});
