import { BEACON_CONFIG, loadConfig } from '@beacon/config';
import { EVENTS_DROPPED, EVENTS_PUBLISHED } from '@beacon/observability';
import { Test } from '@nestjs/testing';
import { ROOT_CONTEXT } from '@opentelemetry/api';
import { register } from 'prom-client';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventEnvelope } from '../event-contract';
import { linkDeleted } from '../events/link-deleted.event';
import { RabbitConnection } from '../rabbit-connection';
import { RabbitTopology } from '../rabbit-topology';
import { LINGER_MS } from './event-batcher';
import { MAX_EVENTS_PER_MESSAGE, type EventMessage } from './event-message';
import { EventOverflow } from './event-overflow';
import { EventPublisher } from './event-publisher.service';

const BUFFER_LIMIT = 300;
const CONFIRM_TIMEOUT_MS = 50;

/** An outbox that keeps what it is given. */
class RecordingOverflow extends EventOverflow {
  readonly stored: EventMessage[] = [];

  async store(messages: readonly EventMessage[]): Promise<void> {
    this.stored.push(...messages);
  }

  get envelopes(): EventEnvelope[] {
    return this.stored.flatMap((message) => message.envelopes);
  }
}

/** A broker that accepts publishes and then never confirms them (down or stuck). */
class StuckBrokerConnection {
  readonly topology = new RabbitTopology('unit', [1_000, 5_000, 30_000]);
  readonly published: { routingKey: string; body: unknown }[] = [];
  connected = true;

  isConnected(): boolean {
    return this.connected;
  }

  createChannel() {
    return {
      publish: (_exchange: string, routingKey: string, content: Buffer) => {
        this.published.push({ routingKey, body: JSON.parse(content.toString()) });
        return new Promise<boolean>(() => undefined);
      },
      close: async () => undefined,
    };
  }
}

async function counted(name: string, labels: Record<string, string>): Promise<number> {
  const values = (await register.getSingleMetric(name)?.get())?.values ?? [];
  const match = values.find((value) =>
    Object.entries(labels).every(([key, label]) => value.labels[key] === label),
  );
  return match?.value ?? 0;
}

/** The publisher as the apps get it; `overflow` as the gateway registers it, or none. */
async function startPublisher(overflow?: EventOverflow) {
  const broker = new StuckBrokerConnection();
  const config = loadConfig('gateway', {
    JWT_SECRET: 'unit',
    SHUTDOWN_TIMEOUT_MS: '10',
    EVENT_BUFFER_LIMIT: String(BUFFER_LIMIT),
    VISIT_CONFIRM_TIMEOUT_MS: String(CONFIRM_TIMEOUT_MS),
  });
  const module = await Test.createTestingModule({
    providers: [
      EventPublisher,
      { provide: RabbitConnection, useValue: broker },
      { provide: BEACON_CONFIG, useValue: config },
      ...(overflow ? [{ provide: EventOverflow, useValue: overflow }] : []),
    ],
  }).compile();
  // Reading applies the recordings an earlier test deferred; then start at 0.
  await Promise.all([EVENTS_PUBLISHED, EVENTS_DROPPED].map((m) => counted(m.name, {})));
  register.getSingleMetric(EVENTS_PUBLISHED.name)?.reset();
  register.getSingleMetric(EVENTS_DROPPED.name)?.reset();
  return { publisher: module.get(EventPublisher), broker };
}

describe('EventPublisher', () => {
  let publisher: EventPublisher;
  afterEach(() => publisher.beforeApplicationShutdown());

  const linger = () => new Promise((resolve) => setTimeout(resolve, LINGER_MS + 20));
  const publishMany = (count: number) => {
    for (let i = 0; i < count; i++) publisher.publish(linkDeleted, { linkId: '1', slug: 'abc' });
  };
  const dropped = () => counted(EVENTS_DROPPED.name, { type: 'link.deleted' });

  it('sends published events, packed, after the linger', async () => {
    let broker: StuckBrokerConnection;
    ({ publisher, broker } = await startPublisher());
    publishMany(MAX_EVENTS_PER_MESSAGE + 1);
    expect(broker.published).toHaveLength(1);
    await linger();
    expect(broker.published.map((message) => message.routingKey)).toEqual([
      'link.deleted',
      'link.deleted',
    ]);
    expect(publisher.pendingCount).toBe(MAX_EVENTS_PER_MESSAGE + 1);
  });

  it('buffers up to the limit while unconfirmed, then drops and counts without an overflow', async () => {
    ({ publisher } = await startPublisher());
    publishMany(BUFFER_LIMIT);
    expect(publisher.pendingCount).toBe(BUFFER_LIMIT);
    publishMany(2);
    expect(publisher.pendingCount).toBe(BUFFER_LIMIT);
    expect(await dropped()).toBe(2);
  });

  it('spills past the limit into the overflow', async () => {
    const overflow = new RecordingOverflow();
    ({ publisher } = await startPublisher(overflow));
    publishMany(BUFFER_LIMIT + 3);
    await linger();
    expect(overflow.envelopes).toHaveLength(3);
    expect(publisher.pendingCount).toBe(BUFFER_LIMIT);
    expect(await counted(EVENTS_PUBLISHED.name, { result: 'spilled' })).toBe(3);
  });

  it('spills what is still unconfirmed at shutdown, with the same envelope ids', async () => {
    const overflow = new RecordingOverflow();
    let broker: StuckBrokerConnection;
    ({ publisher, broker } = await startPublisher(overflow));
    publishMany(7);
    await linger();
    const sent = (broker.published[0].body as { id: string }[]).map((envelope) => envelope.id);
    await publisher.beforeApplicationShutdown();
    expect(overflow.envelopes.map((envelope) => envelope.id)).toEqual(sent);
    expect(publisher.pendingCount).toBe(0);
    expect(await dropped()).toBe(0);
  });

  it('counts what is unconfirmed at shutdown as dropped when there is no overflow', async () => {
    ({ publisher } = await startPublisher());
    publishMany(4);
    await publisher.beforeApplicationShutdown();
    expect(await dropped()).toBe(4);
  });

  it('hands a waited event the broker does not confirm in time to the spool, then calls back', async () => {
    const overflow = new RecordingOverflow();
    let broker: StuckBrokerConnection;
    ({ publisher, broker } = await startPublisher(overflow));
    let durable = false;
    publisher.publish(linkDeleted, { linkId: '1', slug: 'abc' }, Date.now(), {
      onDurable: () => (durable = true),
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(broker.published).toHaveLength(1); // at the end of the turn, without the linger
    expect([durable, overflow.envelopes.length]).toEqual([false, 0]);
    await new Promise((resolve) => setTimeout(resolve, CONFIRM_TIMEOUT_MS + 10));
    expect(durable).toBe(true);
    const sent = broker.published[0].body as { id: string }; // one event: a bare envelope
    expect(overflow.envelopes.map((envelope) => envelope.id)).toEqual([sent.id]);
    expect(publisher.pendingCount).toBe(0);
  });

  it('hands a waited event to the spool at once while the broker is away', async () => {
    const overflow = new RecordingOverflow();
    let broker: StuckBrokerConnection;
    ({ publisher, broker } = await startPublisher(overflow));
    broker.connected = false;
    let durable = false;
    publisher.publish(linkDeleted, { linkId: '1', slug: 'abc' }, Date.now(), {
      onDurable: () => (durable = true),
    });
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect([durable, overflow.envelopes.length, broker.published.length]).toEqual([true, 1, 0]);
  });

  it('calls back for a waited event past the buffer once the spool stored it', async () => {
    const overflow = new RecordingOverflow();
    ({ publisher } = await startPublisher(overflow));
    publishMany(BUFFER_LIMIT);
    let durable = false;
    publisher.publish(linkDeleted, { linkId: '1', slug: 'abc' }, Date.now(), {
      onDurable: () => (durable = true),
    });
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(durable).toBe(true);
    expect(overflow.envelopes).toHaveLength(1);
  });

  it('refuses to relay once shutting down', async () => {
    ({ publisher } = await startPublisher());
    await publisher.beforeApplicationShutdown();
    await expect(
      publisher.relay('link.deleted', [], { context: ROOT_CONTEXT, requestId: undefined }),
    ).rejects.toThrow(/shutting down/);
  });
});
