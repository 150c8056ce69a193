import { createConnection, type Connection } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp } from './support/accounts';
import { AmqpTestClient } from './support/amqp-test-client';
import { startBeacon, type BeaconHarness } from './support/beacon-harness';
import { eventually } from './support/eventually';
import { parseMetrics, valueOf } from './support/metrics-text';
import { createLink } from './support/links';
import { brokerUrl, proxiedBroker } from './support/proxied-broker';
import type { TcpProxy } from './support/tcp-proxy';

/** Redirects per phase of the overload. */
const VISITS_PER_PHASE = 1_500;
const CONCURRENCY = 50;
/**
 * Small, so that the buffer fills at once and the overload spills into the outbox: below
 * CONCURRENCY, since with VISIT_DELIVERY=confirmed each client waits for its visit.
 */
const BUFFER_LIMIT = 20;
/**
 * Under BROKER_DELAY_MS: waited visits go to the spool, and a locked spool holds a client for
 * twice this at most.
 */
const CONFIRM_TIMEOUT_MS = 200;
/** How late every answer of the broker (its confirms among them) reaches the gateway. */
const BROKER_DELAY_MS = 400;

/** `count` redirects of `slug`, CONCURRENCY at a time; the answers' statuses, counted. */
async function redirects(gatewayUrl: string, slug: string, count: number) {
  const statuses = new Map<number, number>();
  let sent = 0;
  const client = async () => {
    while (sent < count) {
      sent++;
      const response = await fetch(`${gatewayUrl}/${slug}`, { redirect: 'manual' });
      await response.arrayBuffer();
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, client));
  return Object.fromEntries(statuses);
}

/**
 * A gateway overloaded while its worker is stopped, its broker confirms slowly (through a
 * proxy) and, for a while, its outbox is locked by another session (standing for a database
 * busy with spilled rows); then everything recovers.
 */
describe.each(['confirmed', 'buffered'] as const)(
  'overload without loss, VISIT_DELIVERY=%s',
  (delivery) => {
    let proxy: TcpProxy;
    let beacon: BeaconHarness;
    let tap: AmqpTestClient;

    beforeAll(async () => {
      const broker = await proxiedBroker();
      proxy = broker.proxy;
      beacon = await startBeacon({
        worker: false,
        env: {
          AMQP_URL: broker.url,
          EVENT_BUFFER_LIMIT: String(BUFFER_LIMIT),
          OUTBOX_POLL_INTERVAL_MS: '200',
          SHUTDOWN_TIMEOUT_MS: '5000',
          VISIT_DELIVERY: delivery,
          VISIT_CONFIRM_TIMEOUT_MS: String(CONFIRM_TIMEOUT_MS),
        },
      });
      tap = await AmqpTestClient.open([brokerUrl()], beacon.topology);
    });
    afterAll(async () => {
      proxy?.slowDown(0);
      await tap?.close();
      await beacon?.stop();
      await proxy?.close();
    });

    const metrics = async () =>
      parseMetrics(await (await fetch(`${beacon.gatewayUrl}/metrics`)).text());
    const storedVisits = async () => {
      const [daily] = await beacon.sql<{ visits: string | null }>(
        'SELECT SUM(visits) AS visits FROM link_daily_stats',
      );
      const [raw] = await beacon.sql<{ count: number }>(
        'SELECT COUNT(*) AS count FROM link_visits',
      );
      return { daily: Number(daily.visits), raw: Number(raw.count) };
    };

    it('redirects throughout, and stores every visit exactly once after both recover', async () => {
      const owner = await signUp(beacon.gatewayUrl);
      await createLink(beacon.gatewayUrl, owner, 'overload');
      // Written behind the gateway's back, so this replica has never cached it.
      await beacon.sql('INSERT INTO links (slug, target_url) VALUES (?, ?)', [
        'overload-uncached',
        'https://example.com/overload-uncached',
      ]);
      await eventually(async () =>
        expect((await fetch(`${beacon.gatewayUrl}/health/ready`)).status).toBe(200),
      );
      proxy.slowDown(BROKER_DELAY_MS);

      expect(await redirects(beacon.gatewayUrl, 'overload', VISITS_PER_PHASE)).toEqual({
        302: VISITS_PER_PHASE,
      });
      const spilledSoFar = valueOf(await metrics(), 'events_published_total', {
        type: 'link.visited',
        result: 'spilled',
      });
      expect(spilledSoFar, 'the buffer overflowed into the spool').toBeGreaterThan(0);

      // Spilled inserts now wait on the lock. The redirects must not wait with them: not those
      // of a cached link, nor the lookup of a link not in the cache (as each cached link is
      // again once its entry expires), which would answer 503 if the spill held the pool.
      const { host, port, user, password, name } = beacon.config.database;
      const locker: Connection = await createConnection({
        host,
        port,
        user,
        password,
        database: name,
      });
      await locker.query('LOCK TABLES outbox WRITE');
      try {
        expect(await redirects(beacon.gatewayUrl, 'overload', VISITS_PER_PHASE)).toEqual({
          302: VISITS_PER_PHASE,
        });
        expect(await redirects(beacon.gatewayUrl, 'overload-uncached', 1)).toEqual({ 302: 1 });
      } finally {
        await locker.query('UNLOCK TABLES');
        await locker.end();
      }

      const total = 2 * VISITS_PER_PHASE + 1;
      proxy.slowDown(0);
      // What the broker confirmed waits in the consumer's queue while the worker is stopped.
      await eventually(async () =>
        expect(await tap.messageCount(beacon.topology.queue('analytics'))).toBeGreaterThan(0),
      );
      expect(await storedVisits()).toEqual({ daily: 0, raw: 0 });
      await beacon.startWorker();

      await eventually(
        async () => expect(await storedVisits()).toEqual({ daily: total, raw: total }),
        {
          timeoutMs: 60_000,
        },
      );
      await eventually(async () => {
        const [outbox] = await beacon.sql<{ count: number }>(
          'SELECT COUNT(*) AS count FROM outbox',
        );
        expect(Number(outbox.count), 'the outbox drained').toBe(0);
      });
      // Visits are never lost; the live streams' fan-out (link.visit.stored) may be.
      expect(valueOf(await metrics(), 'events_dropped_total', { type: 'link.visited' })).toBe(0);
      // Nothing more arrives later: the queue and the outbox are empty, so the count is final.
      await eventually(async () =>
        expect(await tap.messageCount(beacon.topology.queue('analytics'))).toBe(0),
      );
      expect(await storedVisits()).toEqual({ daily: total, raw: total });
    }, 120_000);
  },
);
