import { createEnvelope, linkVisited } from '@beacon/messaging';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp, type BearerHeader } from './support/accounts';
import { AmqpTestClient } from './support/amqp-test-client';
import { startBeacon, type BeaconHarness } from './support/beacon-harness';
import { runBrokerTool } from './support/command-line-tool';
import { eventually } from './support/eventually';
import { request } from './support/http-client';

const DLQ = 'dead-letters/dlq.main.js';

/** A worker whose retries are quick (two, 100 ms apart), and `npm run dlq` on its queues. */
describe('npm run dlq: dead letters listed, replayed after a fix, purged', () => {
  let beacon: BeaconHarness;
  let amqp: AmqpTestClient;
  let owner: BearerHeader;
  const dlq = (...args: string[]) => runBrokerTool(beacon.config.rabbitmq, DLQ, args);
  const deadCount = () => amqp.messageCount(beacon.topology.deadQueue('analytics'));
  const totalVisits = async (slug: string) =>
    (await request(`${beacon.gatewayUrl}/api/links/${slug}/stats`, { headers: owner })).body
      .totalVisits;

  beforeAll(async () => {
    beacon = await startBeacon({ worker: true, env: { EVENT_RETRY_DELAYS_MS: '100,100' } });
    amqp = await AmqpTestClient.open(beacon.config.rabbitmq.urls, beacon.topology);
    owner = await signUp(beacon.gatewayUrl);
  });
  afterAll(async () => {
    await amqp?.close();
    await beacon?.stop();
  });

  it('replays a visit whose retries ran out once the database is fixed: stored once', async () => {
    const created = await request(`${beacon.gatewayUrl}/api/links`, {
      method: 'POST',
      json: { url: 'https://example.com/dead', slug: 'dead-visit' },
      headers: owner,
    });
    expect(created.status).toBe(201);
    const [{ id }] = await beacon.sql<{ id: string }>('SELECT id FROM links WHERE slug = ?', [
      'dead-visit',
    ]);
    await beacon.sql('RENAME TABLE link_daily_stats TO link_daily_stats_away');
    try {
      await amqp.publishEvent(
        linkVisited.type,
        createEnvelope(linkVisited, {
          linkId: String(id),
          slug: 'dead-visit',
          visitedAt: new Date().toISOString(),
          referrer: null,
          userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Gecko/20100101 Firefox/133.0',
          ipHash: createHash('sha256').update('dead visitor').digest('hex'),
        }),
      );
      await eventually(async () => expect(await deadCount()).toBe(1), { timeoutMs: 15_000 });
      const listed = dlq('list', '--queue', 'analytics');
      expect(listed.status).toBe(0);
      expect(listed.output).toContain('1 dead messages');
      expect(listed.output).toMatch(/reason: failed 3 times, last: .*link_daily_stats/);
      expect(listed.output).toContain('type: link.visited');
      expect(await deadCount(), 'list leaves the messages where they are').toBe(1);
    } finally {
      await beacon.sql('RENAME TABLE link_daily_stats_away TO link_daily_stats');
    }

    const replayed = dlq('replay', '--queue', 'analytics');
    expect(replayed.status).toBe(0);
    expect(replayed.output).toContain('replayed 1 messages');
    await eventually(async () => expect(await totalVisits('dead-visit')).toBe(1));
    expect(await deadCount()).toBe(0);
    expect(dlq('replay', '--queue', 'analytics').output).toContain('replayed 0 messages');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await totalVisits('dead-visit')).toBe(1);
  });

  it('purges poison messages only when told --yes', async () => {
    await amqp.publishEvent(linkVisited.type, 'not json at all');
    await amqp.publishEvent(linkVisited.type, 'still not json');
    await eventually(async () => expect(await deadCount()).toBe(2));
    expect(dlq('list', '--queue', 'analytics', '--limit', '1').output).toMatch(
      /2 dead messages, the first 1\n#1 reason: body is not JSON/,
    );
    const unconfirmed = dlq('purge', '--queue', 'analytics');
    expect(unconfirmed.status).toBe(2);
    expect(unconfirmed.output).toContain('add --yes');
    expect(await deadCount()).toBe(2);
    const purged = dlq('purge', '--queue', 'analytics', '--yes');
    expect(purged.status).toBe(0);
    expect(purged.output).toContain('purged 2 messages');
    expect(await deadCount()).toBe(0);
  });

  it.each([
    [[], 'expected one command'],
    [['drop', '--queue', 'analytics'], 'expected one command'],
    [['list'], '--queue must name a consumer: analytics, product-analytics'],
    [['list', '--queue', 'nope'], '--queue must name a consumer'],
    [['list', '--queue', 'analytics', '--limit', '0'], '--limit must be a whole number'],
    [['list', '--queue', 'analytics', '--bogus'], "Unknown option '--bogus'"],
  ])('refuses %j with its usage (exit 2)', (args, message) => {
    const run = dlq(...args);
    expect(run.status).toBe(2);
    expect(run.output).toContain(message);
    expect(run.output).toContain('usage: npm run dlq');
  });
});
