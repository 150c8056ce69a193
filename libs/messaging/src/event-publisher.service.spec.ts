import { BEACON_CONFIG, loadConfig } from '@beacon/config';
import { Test } from '@nestjs/testing';
import { EVENTS_DROPPED, EVENTS_PUBLISHED } from '@beacon/observability';
import { ROOT_CONTEXT } from '@opentelemetry/api';
import { register, type Counter } from 'prom-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventEnvelope } from './event-contract';
import type { EventOverflow } from './event-overflow';
import { EventPublisher, LINGER_MS, MAX_EVENTS_PER_MESSAGE } from './event-publisher.service';
import { linkDeleted } from './events/link-deleted.event';
import { RabbitConnection } from './rabbit-connection';
import { RabbitTopology } from './rabbit-topology';

const BUFFER_LIMIT = 300;

/** An outbox that keeps what it is given, or refuses everything while `failing`. */
class RecordingOverflow implements EventOverflow {
  readonly stored: { type: string; envelopes: EventEnvelope[] }[] = [];
  failing = false;

  async store(type: string, envelopes: EventEnvelope[]): Promise<void> {
    if (this.failing) throw new Error('outbox unreachable');
    this.stored.push({ type, envelopes });
  }

  get envelopes(): EventEnvelope[] {
    return this.stored.flatMap((message) => message.envelopes);
  }
}

/** A broker that accepts publishes and then never confirms them (down or stuck). */
class StuckBrokerConnection {
  readonly topology = new RabbitTopology('unit', [1_000, 5_000, 30_000]);
  readonly published: { exchange: string; routingKey: string; body: unknown; options: object }[] =
    [];

  createChannel() {
    return {
      publish: (exchange: string, routingKey: string, content: Buffer, options: object) => {
        this.published.push({
          exchange,
          routingKey,
          body: JSON.parse(content.toString()),
          options,
        });
        return new Promise<boolean>(() => undefined);
      },
      close: async () => undefined,
    };
  }
}

describe('EventPublisher', () => {
  let publisher: EventPublisher;
  let broker: StuckBrokerConnection;
  let counter: Counter<'type' | 'result'>;
  let droppedCounter: Counter<'type'>;

  beforeEach(async () => {
    broker = new StuckBrokerConnection();
    const module = await Test.createTestingModule({
      providers: [
        EventPublisher,
        { provide: RabbitConnection, useValue: broker },
        {
          provide: BEACON_CONFIG,
          useValue: loadConfig('gateway', {
            JWT_SECRET: 'unit',
            SHUTDOWN_TIMEOUT_MS: '10',
            EVENT_BUFFER_LIMIT: String(BUFFER_LIMIT),
          }),
        },
      ],
    }).compile();
    publisher = module.get(EventPublisher);
    counter = register.getSingleMetric(EVENTS_PUBLISHED.name) as Counter<'type' | 'result'>;
    droppedCounter = register.getSingleMetric(EVENTS_DROPPED.name) as Counter<'type'>;
    // Reading applies the recordings the previous test's shutdown deferred; then start at 0.
    await Promise.all([counter.get(), droppedCounter.get()]);
    counter.reset();
    droppedCounter.reset();
  });
  afterEach(() => publisher.beforeApplicationShutdown());

  const dropped = async () =>
    (await droppedCounter.get()).values.find((value) => value.labels.type === 'link.deleted')
      ?.value ?? 0;
  const spilled = async () =>
    (await counter.get()).values.find((value) => value.labels.result === 'spilled')?.value ?? 0;

  const linger = () => new Promise((resolve) => setTimeout(resolve, LINGER_MS + 20));
  const publishMany = (count: number) => {
    for (let i = 0; i < count; i++) publisher.publish(linkDeleted, { linkId: '1', slug: 'abc' });
  };

  it('publishes a lone event as one persistent, mandatory JSON envelope after the linger', async () => {
    publisher.publish(linkDeleted, { linkId: '1', slug: 'abc' });
    expect(broker.published).toHaveLength(0);
    await linger();
    const [message] = broker.published;
    const envelope = message.body as { id: string };
    expect(broker.published).toEqual([
      {
        exchange: 'unit.events',
        routingKey: 'link.deleted',
        body: {
          id: expect.stringMatching(/^[0-9a-f-]{36}$/),
          type: 'link.deleted',
          version: 1,
          occurredAt: expect.any(String),
          data: { linkId: '1', slug: 'abc' },
        },
        options: expect.objectContaining({
          persistent: true,
          mandatory: true,
          contentType: 'application/json',
          messageId: envelope.id,
          type: 'link.deleted',
          headers: { 'x-beacon-event-count': 1 },
        }),
      },
    ]);
  });

  it('packs events of one type into messages of at most MAX_EVENTS_PER_MESSAGE', async () => {
    publishMany(MAX_EVENTS_PER_MESSAGE * 2 + 5);
    expect(broker.published.map((message) => (message.body as unknown[]).length)).toEqual([
      MAX_EVENTS_PER_MESSAGE,
      MAX_EVENTS_PER_MESSAGE,
    ]);
    await linger();
    expect(broker.published).toHaveLength(3);
    expect((broker.published[2].body as unknown[]).length).toBe(5);
  });

  it('never sends data that breaks the contract, and counts it', async () => {
    publisher.publish(linkDeleted, { linkId: 'not-a-number', slug: 'x' });
    publisher.publish(linkDeleted, { linkId: '2', slug: 'ok' });
    await linger();
    expect(broker.published.map((message) => message.body)).toEqual([
      expect.objectContaining({ data: { linkId: '2', slug: 'ok' } }),
    ]);
    const invalid = (await counter.get()).values.find((v) => v.labels.result === 'invalid');
    expect(invalid?.value).toBe(1);
    expect(publisher.pendingCount).toBe(1);
  });

  it('buffers up to the limit while unconfirmed, then drops and counts the overflow', async () => {
    publishMany(BUFFER_LIMIT);
    expect(publisher.pendingCount).toBe(BUFFER_LIMIT);
    expect(await dropped()).toBe(0);
    publishMany(2);
    expect(publisher.pendingCount).toBe(BUFFER_LIMIT);
    expect(await dropped()).toBe(2);
  });

  it('spills past the limit into the overflow, in messages of one type', async () => {
    const overflow = new RecordingOverflow();
    publisher.spillInto(overflow);
    publishMany(BUFFER_LIMIT + MAX_EVENTS_PER_MESSAGE + 3);
    expect(publisher.pendingCount).toBe(BUFFER_LIMIT);
    await linger();
    expect(overflow.stored.map((message) => message.envelopes.length)).toEqual([
      MAX_EVENTS_PER_MESSAGE,
      3,
    ]);
    expect(overflow.stored.every((message) => message.type === 'link.deleted')).toBe(true);
    expect(await spilled()).toBe(MAX_EVENTS_PER_MESSAGE + 3);
    expect(await dropped()).toBe(0);
  });

  it('counts events as dropped when the overflow fails too', async () => {
    const overflow = new RecordingOverflow();
    overflow.failing = true;
    publisher.spillInto(overflow);
    publishMany(BUFFER_LIMIT + 5);
    await linger();
    expect(await dropped()).toBe(5);
    expect(await spilled()).toBe(0);
  });

  it('spills what is still unconfirmed at shutdown, with the same envelope ids', async () => {
    const overflow = new RecordingOverflow();
    publisher.spillInto(overflow);
    publishMany(7);
    await linger();
    const sent = (broker.published[0].body as { id: string }[]).map((envelope) => envelope.id);
    await publisher.beforeApplicationShutdown();
    expect(overflow.envelopes.map((envelope) => envelope.id)).toEqual(sent);
    expect(publisher.pendingCount).toBe(0);
    expect(await dropped()).toBe(0);
  });

  it('counts what is unconfirmed at shutdown as dropped when there is no overflow', async () => {
    publishMany(4);
    await publisher.beforeApplicationShutdown();
    expect(await dropped()).toBe(4);
  });

  it('refuses to relay once shutting down', async () => {
    await publisher.beforeApplicationShutdown();
    await expect(
      publisher.relay('link.deleted', [], { context: ROOT_CONTEXT, requestId: undefined }),
    ).rejects.toThrow(/shutting down/);
  });
});
