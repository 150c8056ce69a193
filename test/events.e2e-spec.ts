import {
  createEnvelope,
  DEATH_REASON_HEADER,
  linkVisited,
  RABBIT_CONSUMERS,
} from '@beacon/messaging';
import type { GetMessage } from 'amqplib';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AmqpTestClient } from './support/amqp-test-client';
import { startBeacon, type BeaconHarness } from './support/beacon-harness';
import { eventually } from './support/eventually';
import { signUp, type BearerHeader } from './support/accounts';
import { request } from './support/http-client';

describe('link.visited consumption', () => {
  let beacon: BeaconHarness;
  let amqp: AmqpTestClient;
  let owner: BearerHeader;
  beforeAll(async () => {
    beacon = await startBeacon({ worker: true });
    amqp = await AmqpTestClient.open(beacon.config.rabbitmq.urls, beacon.topology);
    owner = await signUp(beacon.gatewayUrl);
  });
  afterAll(async () => {
    await amqp?.close();
    await beacon?.stop();
  });

  const linkIdOf = async (slug: string): Promise<string> => {
    const created = await request(`${beacon.gatewayUrl}/api/links`, {
      method: 'POST',
      json: { url: 'https://example.com', slug },
      headers: owner,
    });
    expect(created.status).toBe(201);
    const [row] = await beacon.sql<{ id: string }>('SELECT id FROM links WHERE slug = ?', [slug]);
    return String(row.id);
  };
  const visitEvent = (linkId: string, slug: string, visitor: string) =>
    createEnvelope(linkVisited, {
      linkId,
      slug,
      visitedAt: new Date().toISOString(),
      referrer: null,
      userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Gecko/20100101 Firefox/133.0',
      ipHash: createHash('sha256').update(visitor).digest('hex'),
    });
  const totalVisits = async (slug: string) =>
    (await request(`${beacon.gatewayUrl}/api/links/${slug}/stats`, { headers: owner })).body
      .totalVisits;
  const deadLetter = (queue = beacon.topology.deadQueue('analytics')) =>
    eventually(async () => {
      const message = await amqp.take(queue);
      expect(message).toBeDefined();
      return message!;
    });

  it('counts the same event delivered twice once', async () => {
    const linkId = await linkIdOf('twice');
    const event = visitEvent(linkId, 'twice', 'visitor-a');
    await amqp.publishEvent('link.visited', event);
    await amqp.publishEvent('link.visited', event);
    await eventually(async () => expect(await totalVisits('twice')).toBe(1));
    const later = visitEvent(linkId, 'twice', 'visitor-b');
    await amqp.publishEvent('link.visited', later);
    await amqp.publishEvent('link.visited', event);
    await eventually(async () => expect(await totalVisits('twice')).toBe(2));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await totalVisits('twice')).toBe(2);
    const rows = await beacon.sql('SELECT event_id FROM link_visits WHERE link_id = ?', [linkId]);
    expect(rows).toHaveLength(2);
  });

  it('publishes link.created and link.deleted envelopes that match their contracts', async () => {
    const queue = await amqp.bindTemporaryQueue('link.created', 'link.deleted');
    await linkIdOf('on-the-wire');
    expect(
      (
        await request(`${beacon.gatewayUrl}/api/links/on-the-wire`, {
          method: 'DELETE',
          headers: owner,
        })
      ).status,
    ).toBe(204);
    const received: GetMessage[] = [];
    await eventually(async () => {
      received.push(...(await amqp.drain(queue)));
      expect(received).toHaveLength(2);
    });
    const [created, deleted] = received.map((message) => JSON.parse(message.content.toString()));
    const [row] = await beacon.sql<{ id: string }>('SELECT id FROM links WHERE slug = ?', [
      'on-the-wire',
    ]);
    expect(created).toMatchObject({
      type: 'link.created',
      version: 1,
      data: {
        linkId: String(row.id),
        slug: 'on-the-wire',
        targetUrl: 'https://example.com/',
        ownerId: expect.stringMatching(/^\d+$/),
      },
    });
    expect(deleted).toMatchObject({
      type: 'link.deleted',
      data: { linkId: String(row.id), slug: 'on-the-wire' },
    });
    for (const message of received) {
      expect(message.properties).toMatchObject({
        contentType: 'application/json',
        deliveryMode: 2,
        messageId: JSON.parse(message.content.toString()).id,
      });
    }
  });

  it('carries the request id of the redirect into the event headers', async () => {
    const queue = await amqp.bindTemporaryQueue('link.visited');
    await linkIdOf('with-request-id');
    const redirect = await request(`${beacon.gatewayUrl}/with-request-id`, {
      headers: { 'x-request-id': 'events-e2e-request-7' },
    });
    expect(redirect.status).toBe(302);
    const message = await eventually(async () => {
      const [first] = await amqp.drain(queue);
      expect(first).toBeDefined();
      return first;
    });
    expect(message.properties.headers).toMatchObject({ 'x-request-id': 'events-e2e-request-7' });
    // Let the worker store it, so the next test's outage sees no stray visit.
    await eventually(async () => expect(await totalVisits('with-request-id')).toBe(1));
  });

  it('retries a visit the database failed to store, and stores it once', async () => {
    const linkId = await linkIdOf('transient');
    await beacon.sql('RENAME TABLE link_daily_stats TO link_daily_stats_away');
    try {
      await amqp.publishEvent('link.visited', visitEvent(linkId, 'transient', 'visitor'));
      // Waiting in a delay queue (the first, or a later one on a slow machine).
      const delayed = async () => {
        const queues = [1, 2, 3].map((attempt) => beacon.topology.retryQueue('analytics', attempt));
        const counts = await Promise.all(queues.map((queue) => amqp.messageCount(queue)));
        return counts.reduce((sum, count) => sum + count, 0);
      };
      await eventually(async () => expect(await delayed()).toBe(1));
    } finally {
      await beacon.sql('RENAME TABLE link_daily_stats_away TO link_daily_stats');
    }
    await eventually(async () => expect(await totalVisits('transient')).toBe(1), {
      timeoutMs: 35_000,
    });
    expect(await amqp.messageCount(beacon.topology.deadQueue('analytics'))).toBe(0);
  }, 45_000);

  it('sends a message that is not JSON to the dead queue with the reason', async () => {
    await amqp.publishEvent('link.visited', 'not json at all');
    const dead = await deadLetter();
    expect(dead.content.toString()).toBe('not json at all');
    expect(dead.properties.headers?.[DEATH_REASON_HEADER]).toBe('body is not JSON');
  });

  it('sends an event whose data breaks the contract to the dead queue, naming the field', async () => {
    const event = {
      ...visitEvent('1', 'broken', 'visitor'),
      data: { linkId: '1', slug: 'broken' },
    };
    await amqp.publishEvent('link.visited', event);
    const dead = await deadLetter();
    expect(JSON.parse(dead.content.toString()).id).toBe(event.id);
    expect(String(dead.properties.headers?.[DEATH_REASON_HEADER])).toMatch(
      /invalid data: .*data\.visitedAt/,
    );
  });

  it('sends an envelope of an unknown type or a newer version to the dead queue', async () => {
    const event = visitEvent('1', 'versioned', 'visitor');
    await amqp.publishEvent('link.visited', { ...event, version: 99 });
    const dead = await deadLetter();
    expect(String(dead.properties.headers?.[DEATH_REASON_HEADER])).toContain(
      'unsupported version 99',
    );
    await amqp.publishEvent('link.visited', { ...event, type: 'link.exploded' });
    const unknown = await deadLetter();
    expect(String(unknown.properties.headers?.[DEATH_REASON_HEADER])).toContain(
      'unknown event type',
    );
  });

  it('stores the valid events of a batch and dead-letters its poison one alone', async () => {
    const linkId = await linkIdOf('batched');
    const good = [1, 2, 3].map((n) => visitEvent(linkId, 'batched', `visitor-${n}`));
    const poison = { ...visitEvent(linkId, 'batched', 'x'), data: { linkId } };
    await amqp.publishEvent('link.visited', [good[0], poison, good[1], good[2], good[0]]);
    await eventually(async () => expect(await totalVisits('batched')).toBe(3));
    const dead = await deadLetter();
    expect(JSON.parse(dead.content.toString())).toEqual(poison);
    expect(String(dead.properties.headers?.[DEATH_REASON_HEADER])).toContain('invalid data');
  });

  it('keeps consuming valid events after poison ones', async () => {
    const linkId = await linkIdOf('after-poison');
    await amqp.publishEvent('link.visited', '{"id": 1}');
    await amqp.publishEvent('link.visited', visitEvent(linkId, 'after-poison', 'visitor'));
    await eventually(async () => expect(await totalVisits('after-poison')).toBe(1));
    await deadLetter();
  });
});

describe('redirects while RabbitMQ is unreachable', () => {
  let beacon: BeaconHarness;
  beforeAll(async () => {
    beacon = await startBeacon({
      env: { AMQP_URL: 'amqp://guest:guest@127.0.0.1:1', SHUTDOWN_TIMEOUT_MS: '300' },
    });
  });
  afterAll(() => beacon?.stop());

  it('still redirects, and readiness names the broker as down', async () => {
    const created = await request(`${beacon.gatewayUrl}/api/links`, {
      method: 'POST',
      json: { url: 'https://example.com/offline', slug: 'offline' },
      headers: await signUp(beacon.gatewayUrl),
    });
    expect(created.status).toBe(201);
    for (let i = 0; i < 20; i++) {
      const redirect = await fetch(`${beacon.gatewayUrl}/offline`, { redirect: 'manual' });
      expect(redirect.status).toBe(302);
    }
    const ready = await request(`${beacon.gatewayUrl}/health/ready`);
    expect(ready.status).toBe(503);
    expect(ready.body.error).toHaveProperty('rabbitmq');
    expect(ready.body.info).toHaveProperty('mysql');
    expect((await request(`${beacon.gatewayUrl}/health/live`)).status).toBe(200);
  });
});

describe('a worker that has started', () => {
  let beacon: BeaconHarness;
  let amqp: AmqpTestClient;
  beforeAll(async () => {
    beacon = await startBeacon({ worker: true, gateway: false });
    amqp = await AmqpTestClient.open(beacon.config.rabbitmq.urls, beacon.topology);
  });
  afterAll(async () => {
    await amqp?.close();
    await beacon?.stop();
  });

  it('consumes every queue already: an event published right after the start is not missed', async () => {
    for (const consumer of Object.keys(RABBIT_CONSUMERS)) {
      expect(await amqp.consumerCount(beacon.topology.queue(consumer)), consumer).toBe(1);
    }
  });
});
