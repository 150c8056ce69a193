import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp } from './support/accounts';
import { startBeacon, type BeaconHarness } from './support/beacon-harness';
import { eventually } from './support/eventually';
import { request } from './support/http-client';
import { parseMetrics, valueOf } from './support/metrics-text';
import { proxiedBroker } from './support/proxied-broker';
import type { TcpProxy } from './support/tcp-proxy';

const REDIRECTS = 500;
/** Small, so that the visits of the outage fill the buffer and spill into the outbox. */
const BUFFER_LIMIT = 50;

/** Both apps reach RabbitMQ only through a proxy the test cuts in the middle of the load. */
describe.each(['confirmed', 'buffered'] as const)(
  'visits while the broker connection is cut, VISIT_DELIVERY=%s',
  (delivery) => {
    let proxy: TcpProxy;
    let beacon: BeaconHarness;
    beforeAll(async () => {
      const broker = await proxiedBroker();
      proxy = broker.proxy;
      // A publish still unsettled at the end must not hold the clean-up for the default 30 s.
      beacon = await startBeacon({
        worker: true,
        env: {
          AMQP_URL: broker.url,
          SHUTDOWN_TIMEOUT_MS: '5000',
          EVENT_BUFFER_LIMIT: String(BUFFER_LIMIT),
          VISIT_DELIVERY: delivery,
        },
      });
    });
    afterAll(async () => {
      proxy?.restore();
      await beacon?.stop();
      await proxy?.close();
    });

    it(`stores exactly ${REDIRECTS} visits of ${REDIRECTS} redirects`, async () => {
      const created = await request(`${beacon.gatewayUrl}/api/links`, {
        method: 'POST',
        json: { url: 'https://example.com/outage', slug: 'broker-outage' },
        headers: await signUp(beacon.gatewayUrl),
      });
      expect(created.status).toBe(201);
      for (let sent = 1; sent <= REDIRECTS; sent++) {
        const response = await fetch(`${beacon.gatewayUrl}/broker-outage`, { redirect: 'manual' });
        expect(response.status).toBe(302);
        if (sent === 150) proxy.cut();
        if (sent === 250) {
          // The cut is real: the gateway knows its broker is gone, and redirects all the same.
          await eventually(async () =>
            expect((await fetch(`${beacon.gatewayUrl}/health/ready`)).status).toBe(503),
          );
        }
        if (sent === 300) {
          const [spilled] = await beacon.sql<{ count: number }>(
            "SELECT COUNT(*) AS count FROM outbox WHERE type = 'link.visited'",
          );
          expect(Number(spilled.count), 'visits spilled into the outbox').toBeGreaterThan(0);
        }
        if (sent === 350) {
          // Long enough for both apps to see the connection gone and start reconnecting.
          await new Promise((resolve) => setTimeout(resolve, 1_500));
          proxy.restore();
        }
      }
      await eventually(
        async () => {
          const [row] = await beacon.sql<{ visits: string | null }>(
            'SELECT SUM(visits) AS visits FROM link_daily_stats',
          );
          expect(Number(row.visits)).toBe(REDIRECTS);
        },
        { timeoutMs: 30_000 },
      );
      const [raw] = await beacon.sql<{ count: number }>(
        'SELECT COUNT(*) AS count FROM link_visits',
      );
      expect(Number(raw.count)).toBe(REDIRECTS);
      await eventually(async () => {
        const [outbox] = await beacon.sql<{ count: number }>(
          'SELECT COUNT(*) AS count FROM outbox',
        );
        expect(Number(outbox.count), 'the outbox drained').toBe(0);
      });
      const metrics = parseMetrics(await (await fetch(`${beacon.gatewayUrl}/metrics`)).text());
      // Visits are never lost; the live streams' fan-out (link.visit.stored) may be.
      expect(valueOf(metrics, 'events_dropped_total', { type: 'link.visited' })).toBe(0);
      expect(
        valueOf(metrics, 'events_published_total', { type: 'link.visited', result: 'spilled' }),
      ).toBeGreaterThan(0);
    }, 60_000);
  },
);
