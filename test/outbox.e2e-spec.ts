import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp } from './support/accounts';
import { AmqpTestClient } from './support/amqp-test-client';
import { startBeacon, type BeaconHarness } from './support/beacon-harness';
import { eventually } from './support/eventually';
import { request } from './support/http-client';
import { parseMetrics, valueOf } from './support/metrics-text';
import { createLink } from './support/links';
import { brokerUrl, proxiedBroker } from './support/proxied-broker';
import type { TcpProxy } from './support/tcp-proxy';

interface TappedEvent {
  id: string;
  type: string;
  data: Record<string, string>;
}

async function outboxRows(beacon: BeaconHarness): Promise<number> {
  const [row] = await beacon.sql<{ count: number }>('SELECT COUNT(*) AS count FROM outbox');
  return Number(row.count);
}

async function metric(baseUrl: string, name: string, labels: Record<string, string> = {}) {
  return valueOf(parseMetrics(await (await fetch(`${baseUrl}/metrics`)).text()), name, labels);
}

/** Two gateway replicas whose broker connections go through a proxy; a wiretap on the broker. */
describe('the transactional outbox', () => {
  let proxy: TcpProxy;
  let beacon: BeaconHarness;
  let replicaUrl: string;
  let tap: AmqpTestClient;
  let tapQueue: string;
  const tapped: TappedEvent[] = [];

  beforeAll(async () => {
    const broker = await proxiedBroker();
    proxy = broker.proxy;
    beacon = await startBeacon({
      env: { AMQP_URL: broker.url, SHUTDOWN_TIMEOUT_MS: '5000', OUTBOX_POLL_INTERVAL_MS: '200' },
    });
    replicaUrl = await beacon.startGatewayReplica();
    tap = await AmqpTestClient.open([brokerUrl()], beacon.topology);
    tapQueue = await tap.bindTemporaryQueue('link.created', 'link.deleted', 'user.registered');
  });
  afterAll(async () => {
    proxy?.restore();
    await tap?.close();
    await beacon?.stop();
    await proxy?.close();
  });

  /** Takes what reached the wiretap so far, envelope by envelope, in the broker's order. */
  async function takeTapped(): Promise<TappedEvent[]> {
    for (const message of await tap.drain(tapQueue)) {
      const body = JSON.parse(message.content.toString()) as TappedEvent | TappedEvent[];
      tapped.push(...(Array.isArray(body) ? body : [body]));
    }
    return tapped;
  }

  const ofType = (type: string) => tapped.filter((event) => event.type === type);

  it("publishes each write's event once, in order, with one relay for both replicas", async () => {
    const [first, second] = [await signUp(beacon.gatewayUrl), await signUp(replicaUrl)];
    for (let i = 0; i < 10; i++) {
      await createLink(beacon.gatewayUrl, first, `outbox-a${i}`);
      await createLink(replicaUrl, second, `outbox-b${i}`);
    }
    for (const [url, owner, slug] of [
      [beacon.gatewayUrl, first, 'outbox-a3'],
      [replicaUrl, second, 'outbox-b7'],
    ] as const) {
      const deleted = await request(`${url}/api/links/${slug}`, {
        method: 'DELETE',
        headers: owner,
      });
      expect(deleted.status).toBe(204);
    }

    await eventually(async () => {
      await takeTapped();
      expect(ofType('link.created')).toHaveLength(20);
      expect(ofType('link.deleted')).toHaveLength(2);
      expect(ofType('user.registered')).toHaveLength(2);
    });
    // The relay deletes a row once the broker confirmed it, which may come after the tap got it.
    await eventually(async () => expect(await outboxRows(beacon)).toBe(0));
    expect(new Set(tapped.map((event) => event.id)).size, 'no event published twice').toBe(
      tapped.length,
    );
    for (const slug of ['outbox-a3', 'outbox-b7']) {
      const created = tapped.findIndex((e) => e.type === 'link.created' && e.data.slug === slug);
      const deleted = tapped.findIndex((e) => e.type === 'link.deleted' && e.data.slug === slug);
      expect(created, `${slug} created before deleted`).toBeLessThan(deleted);
    }
    // Both replicas share this process's registry: two relays would have confirmed 40.
    expect(
      await metric(beacon.gatewayUrl, 'events_published_total', {
        type: 'link.created',
        result: 'confirmed',
      }),
    ).toBe(20);
  });

  it('stores no event when the write fails', async () => {
    await takeTapped();
    const registered = ofType('user.registered').length;
    const owner = await signUp(beacon.gatewayUrl);
    await eventually(async () => {
      await takeTapped();
      expect(ofType('user.registered')).toHaveLength(registered + 1);
    });
    const before = tapped.length;
    const taken = await request(`${beacon.gatewayUrl}/api/links`, {
      method: 'POST',
      json: { url: 'https://example.com/again', slug: 'outbox-a0' },
      headers: owner,
    });
    expect(taken.status).toBe(409);
    // Longer than a relay poll and a broker round trip.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await outboxRows(beacon)).toBe(0);
    expect(await takeTapped()).toHaveLength(before);
  });

  it('keeps the events of writes while the broker is away, and publishes them on its return', async () => {
    const owner = await signUp(beacon.gatewayUrl);
    await eventually(async () => expect(await outboxRows(beacon)).toBe(0));
    proxy.cut();
    await eventually(async () =>
      expect((await fetch(`${beacon.gatewayUrl}/health/ready`)).status).toBe(503),
    );
    for (let i = 0; i < 5; i++) await createLink(beacon.gatewayUrl, owner, `outbox-away${i}`);
    expect(await outboxRows(beacon)).toBe(5);
    await eventually(async () => expect(await metric(beacon.gatewayUrl, 'outbox_pending')).toBe(5));

    proxy.restore();
    await eventually(
      async () => {
        await takeTapped();
        expect(
          ofType('link.created').filter((e) => e.data.slug.startsWith('outbox-away')),
        ).toHaveLength(5);
      },
      { timeoutMs: 30_000 },
    );
    await eventually(async () => expect(await outboxRows(beacon)).toBe(0));
    await eventually(async () => expect(await metric(beacon.gatewayUrl, 'outbox_pending')).toBe(0));
    expect(await metric(beacon.gatewayUrl, 'events_dropped_total')).toBe(0);
  }, 60_000);
});

/** Built apps in their own processes, both reaching the broker through a proxy. */
describe('a gateway stopped while the broker is away', () => {
  const VISITS = 100;
  let proxy: TcpProxy;
  let beacon: BeaconHarness;

  beforeAll(async () => {
    const broker = await proxiedBroker();
    proxy = broker.proxy;
    beacon = await startBeacon({
      worker: true,
      processes: {},
      env: { AMQP_URL: broker.url, SHUTDOWN_TIMEOUT_MS: '4000' },
    });
  });
  afterAll(async () => {
    proxy?.restore();
    await beacon?.stop();
    await proxy?.close();
  });

  it('spills the unconfirmed visits into the outbox, and the next gateway sends them', async () => {
    const owner = await signUp(beacon.gatewayUrl);
    await createLink(beacon.gatewayUrl, owner, 'outbox-stop');
    await eventually(async () => expect(await outboxRows(beacon)).toBe(0));
    proxy.cut();
    await eventually(async () =>
      expect((await fetch(`${beacon.gatewayUrl}/health/ready`)).status).toBe(503),
    );
    for (let i = 0; i < VISITS; i++) {
      const response = await fetch(`${beacon.gatewayUrl}/outbox-stop`, { redirect: 'manual' });
      expect(response.status).toBe(302);
    }

    expect(await beacon.signalStop('gateway')).toBe(0);
    const [spilled] = await beacon.sql<{ count: number }>(
      "SELECT COUNT(*) AS count FROM outbox WHERE type = 'link.visited'",
    );
    expect(Number(spilled.count)).toBe(VISITS);

    proxy.restore();
    await beacon.startGatewayReplica();
    await eventually(
      async () => {
        const [row] = await beacon.sql<{ visits: string | null }>(
          'SELECT SUM(visits) AS visits FROM link_daily_stats',
        );
        expect(Number(row.visits)).toBe(VISITS);
      },
      { timeoutMs: 30_000 },
    );
    await eventually(async () => expect(await outboxRows(beacon)).toBe(0));
  }, 60_000);
});
