import { get } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp } from './support/accounts';
import { AmqpTestClient } from './support/amqp-test-client';
import { startBeacon, type BeaconHarness } from './support/beacon-harness';
import { eventually } from './support/eventually';
import { FakeAiProvider } from './support/fake-ai-provider';
import { request } from './support/http-client';
import { createLink } from './support/links';
import { parseMetrics, valueOf } from './support/metrics-text';
import { openSse } from './support/sse-client';

type Outcome = { status: number } | { error: string };

/** One redirect on a connection of its own, so no keep-alive socket races the server's close. */
function redirectOnce(url: string): Promise<Outcome> {
  return new Promise((resolve) => {
    const call = get(url, { agent: false }, (response) => {
      response.resume();
      response.on('end', () => resolve({ status: response.statusCode ?? 0 }));
    });
    call.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? 'unknown' }));
  });
}

/** Both apps in their own processes, as in production, so the test can signal them. */
describe('graceful shutdown on SIGTERM under load', () => {
  let beacon: BeaconHarness;
  beforeAll(async () => {
    beacon = await startBeacon({ worker: true, processes: {} });
  });
  afterAll(() => beacon?.stop());

  it('answers every request it read, exits 0, and loses no visit', async () => {
    const created = await request(`${beacon.gatewayUrl}/api/links`, {
      method: 'POST',
      json: { url: 'https://example.com/shutdown', slug: 'shutdown' },
      headers: await signUp(beacon.gatewayUrl),
    });
    expect(created.status).toBe(201);

    const outcomes: Outcome[] = [];
    let stopping: Promise<number | null> | undefined;
    const client = async () => {
      for (let sent = 0; sent < 40; sent++) {
        outcomes.push(await redirectOnce(`${beacon.gatewayUrl}/shutdown`));
        if (outcomes.length === 200) stopping = beacon.signalStop('gateway');
        if ('error' in outcomes.at(-1)!) return;
      }
    };
    await Promise.all(Array.from({ length: 10 }, client));
    expect(stopping, 'the signal went out mid-load').toBeDefined();
    expect(await stopping).toBe(0);

    const redirected = outcomes.filter((outcome) => 'status' in outcome && outcome.status === 302);
    const others = outcomes.filter((outcome) => !redirected.includes(outcome));
    expect(redirected.length).toBeGreaterThanOrEqual(200);
    // After the signal: a refused connection, or 503 on one already open; never a cut-off answer.
    // After the signal: a refused connection, a connection closed before its request was read
    // (Node closes idle sockets as it stops), or 503 on one still open; no other answer.
    for (const outcome of others) {
      expect(['ECONNREFUSED', 'ECONNRESET', 503]).toContain(
        'error' in outcome ? outcome.error : outcome.status,
      );
    }
    await eventually(async () => {
      const [row] = await beacon.sql<{ visits: string | null }>(
        'SELECT SUM(visits) AS visits FROM link_daily_stats',
      );
      expect(Number(row.visits)).toBe(redirected.length);
    });
    expect(await beacon.signalStop('worker'), "the worker's exit code").toBe(0);
  });
});

/**
 * Events the worker holds when SIGTERM comes (each delayed 5 s by DEMO_WORKER_DELAY_MS, then the
 * link's classification 3 s at the provider) are handled during its shutdown with everything
 * they need: the consumers stop before the publisher (the stored visits still reach the live
 * streams) and before the AI provider's sockets close (the link's answer still arrives).
 */
describe('a worker stopped on SIGTERM while it holds events', () => {
  // Fewer than the analytics consumer takes at once: prefetch (2 + 2) × 5 messages of at most
  // 100 events with WORKER_FLUSH_CONCURRENCY=2.
  const VISITS = 15;
  let beacon: BeaconHarness;
  let amqp: AmqpTestClient;
  let provider: FakeAiProvider;
  beforeAll(async () => {
    provider = await FakeAiProvider.start();
    beacon = await startBeacon({
      worker: true,
      processes: {},
      appEnv: {
        worker: {
          DEMO_WORKER_DELAY_MS: '5000',
          WORKER_FLUSH_CONCURRENCY: '2',
          AI_PROVIDER_URL: provider.url,
          AI_TIMEOUT_MS: '8000',
        },
      },
    });
    amqp = await AmqpTestClient.open(beacon.config.rabbitmq.urls, beacon.topology);
    // Its answer when slow is { category: 'other', summary: 'Too late' }, in time here.
    provider.mode = { kind: 'slow', delayMs: 3_000 };
  });
  afterAll(async () => {
    await amqp?.close();
    await beacon?.stop();
    await provider?.close();
  });

  /** The gateway's link.visited events the broker confirmed. */
  const confirmedVisits = async () =>
    valueOf(
      parseMetrics(await (await fetch(`${beacon.gatewayUrl}/metrics`)).text()),
      'events_published_total',
      { type: 'link.visited', result: 'confirmed' },
    );

  it('stores the visits, announces each one live, classifies the link, and exits 0', async () => {
    const owner = await signUp(beacon.gatewayUrl);
    await createLink(beacon.gatewayUrl, owner, 'held');
    await eventually(() => expect(provider.asked, 'the link is being classified').toHaveLength(1));
    const stream = await openSse(`${beacon.gatewayUrl}/api/links/held/visits/live`, owner);
    expect(stream.status).toBe(200);
    for (let sent = 0; sent < VISITS; sent++) {
      const visit = await fetch(`${beacon.gatewayUrl}/held`, { redirect: 'manual' });
      expect(visit.status).toBe(302);
    }
    // Every visit is out of the queue and in the worker's hands, none stored yet.
    await eventually(async () => {
      expect(await confirmedVisits()).toBe(VISITS);
      expect(await amqp.messageCount(beacon.topology.queue('analytics'))).toBe(0);
    });
    const [before] = await beacon.sql<{ visits: number }>(
      'SELECT COUNT(*) AS visits FROM link_visits',
    );
    expect(Number(before.visits), 'the visits were still held').toBe(0);

    expect(await beacon.signalStop('worker'), "the worker's exit code").toBe(0);
    const [after] = await beacon.sql<{ visits: number }>(
      'SELECT COUNT(*) AS visits FROM link_visits',
    );
    expect(Number(after.visits)).toBe(VISITS);
    const announced = await stream.waitForEvents(VISITS, 5_000);
    expect(new Set(announced.map((event) => event.id)).size).toBe(VISITS);
    stream.close();
    const link = await request(`${beacon.gatewayUrl}/api/links/held`, { headers: owner });
    expect(link.body.summary, "the provider's answer").toBe('Too late');
  }, 60_000);
});
