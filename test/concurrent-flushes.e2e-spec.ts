import { createEnvelope, linkVisited } from '@beacon/messaging';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AmqpTestClient } from './support/amqp-test-client';
import { startBeacon, type BeaconHarness } from './support/beacon-harness';
import { eventually } from './support/eventually';
import { parseMetrics, valueOf } from './support/metrics-text';

const VISITS = 6_000;
const VISITORS = 700;

/** A link going viral: every visit on one link, its visitors coming back across batches. */
function viralVisits(linkId: string) {
  return Array.from({ length: VISITS }, (_, index) =>
    createEnvelope(linkVisited, {
      linkId,
      slug: 'viral',
      visitedAt: new Date().toISOString(),
      referrer: index % 3 === 0 ? 'https://news.example.org/front' : null,
      userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Gecko/20100101 Firefox/133.0',
      ipHash: createHash('sha256')
        .update(`visitor ${index % VISITORS}`)
        .digest('hex'),
    }),
  );
}

/** Every event twice, the copy in another message further on: redeliveries mid-stream. */
function withCopies<T>(events: T[]): T[][] {
  const messages: T[][] = [];
  for (let start = 0; start < events.length; start += 100) {
    messages.push(events.slice(start, start + 100));
    if (start >= 1_000) messages.push(events.slice(start - 1_000, start - 900).reverse());
  }
  messages.push(events.slice(events.length - 1_000).reverse());
  return messages;
}

describe('two workers storing batches concurrently (WORKER_FLUSH_CONCURRENCY=4 each)', () => {
  let beacon: BeaconHarness;
  let amqp: AmqpTestClient;
  beforeAll(async () => {
    beacon = await startBeacon({
      worker: true,
      gateway: false,
      env: { WORKER_FLUSH_CONCURRENCY: '4' },
    });
    await beacon.startWorker();
    amqp = await AmqpTestClient.open(beacon.config.rabbitmq.urls, beacon.topology);
  });
  afterAll(async () => {
    await amqp?.close();
    await beacon?.stop();
  });

  const processed = async () =>
    valueOf(
      parseMetrics(await (await fetch(`${beacon.workerUrl}/metrics`)).text()),
      'events_consumed_total',
      { consumer: 'analytics', type: 'link.visited', result: 'processed' },
    );

  it('counts every visit and every visitor of a viral link once, copies included', async () => {
    await beacon.sql('INSERT INTO links (slug, target_url) VALUES (?, ?)', [
      'viral',
      'https://example.com/viral',
    ]);
    const [{ id }] = await beacon.sql<{ id: string }>('SELECT id FROM links WHERE slug = ?', [
      'viral',
    ]);
    const messages = withCopies(viralVisits(String(id)));
    for (const message of messages) await amqp.publishEvent(linkVisited.type, message);

    // Both in-process workers count into one registry: every copy has been handled.
    await eventually(async () => expect(await processed()).toBe(VISITS * 2), {
      timeoutMs: 60_000,
    });
    const [counts] = await beacon.sql<Record<string, string>>(
      `SELECT (SELECT COUNT(*) FROM link_visits) AS raw,
              (SELECT SUM(visits) FROM link_daily_stats) AS visits,
              (SELECT SUM(unique_visitors) FROM link_daily_stats) AS uniques,
              (SELECT COUNT(*) FROM link_daily_visitors) AS visitors,
              (SELECT SUM(visits) FROM link_daily_breakdown WHERE dimension = 'referrer') AS referrers,
              (SELECT visits FROM link_daily_breakdown WHERE value = 'news.example.org') AS news`,
    );
    expect(Object.fromEntries(Object.entries(counts).map(([key, n]) => [key, Number(n)]))).toEqual({
      raw: VISITS,
      visits: VISITS,
      uniques: VISITORS,
      visitors: VISITORS,
      referrers: VISITS,
      news: VISITS / 3,
    });
    expect(await amqp.messageCount(beacon.topology.deadQueue('analytics'))).toBe(0);
  }, 90_000);
});
