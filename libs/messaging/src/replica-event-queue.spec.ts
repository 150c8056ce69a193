import type { CreateChannelOpts } from 'amqp-connection-manager';
import type { ConfirmChannel, ConsumeMessage } from 'amqplib';
import { describe, expect, it } from 'vitest';
import { createEnvelope, encodeEnvelopes, type EventEnvelope } from './event-contract';
import { linkCreated } from './events/link-created.event';
import { linkDeleted } from './events/link-deleted.event';
import { linkUpdated } from './events/link-updated.event';
import type { RabbitConnection } from './rabbit-connection';
import { openReplicaEventQueue } from './replica-event-queue';

/** A channel that records the declarations and hands the test the consumer. */
function fakeBroker() {
  const calls: string[] = [];
  let consumer: ((message: ConsumeMessage | null) => void) | undefined;
  let setUp: Promise<void> = Promise.resolve();
  const channel = {
    assertExchange: async (name: string) => void calls.push(`exchange ${name}`),
    assertQueue: async (_name: string, options: object) => {
      calls.push(`queue ${JSON.stringify(options)}`);
      return { queue: 'amq.gen-1' };
    },
    bindQueue: async (queue: string, _exchange: string, key: string) =>
      void calls.push(`bind ${queue} ${key}`),
    consume: async (_queue: string, onMessage: typeof consumer, options: object) => {
      calls.push(`consume ${JSON.stringify(options)}`);
      consumer = onMessage;
    },
  };
  const connection = {
    topology: { eventsExchange: 'unit.events' },
    createChannel: (options: CreateChannelOpts) => {
      setUp = options.setup!(
        channel as unknown as ConfirmChannel,
        () => undefined,
      ) as Promise<void>;
      return { close: async () => void calls.push('closed') };
    },
  } as unknown as RabbitConnection;
  const deliver = (body: Buffer) => consumer!({ content: body } as ConsumeMessage);
  /** Resolves once the queue is declared and consumed. */
  const ready = () => setUp;
  return { calls, connection, deliver, ready };
}

const updated = createEnvelope(linkUpdated, { linkId: '1', slug: 'edited' });
const deleted = createEnvelope(linkDeleted, { linkId: '2', slug: 'gone' });

describe('openReplicaEventQueue', () => {
  it('declares an exclusive, auto-deleted queue bound to each contract, consumed without acks', async () => {
    const broker = fakeBroker();
    const queue = openReplicaEventQueue(broker.connection, {
      name: 'unit',
      contracts: [linkUpdated, linkDeleted],
      onEvent: () => undefined,
    });
    await broker.ready();
    await queue.close();
    expect(broker.calls).toEqual([
      'exchange unit.events',
      'queue {"exclusive":true,"autoDelete":true}',
      'bind amq.gen-1 link.updated',
      'bind amq.gen-1 link.deleted',
      'consume {"noAck":true}',
      'closed',
    ]);
  });

  it('hands over the valid envelopes of its contracts only, each of a batch on its own', async () => {
    const broker = fakeBroker();
    const seen: EventEnvelope[] = [];
    openReplicaEventQueue(broker.connection, {
      name: 'unit',
      contracts: [linkUpdated, linkDeleted],
      onEvent: (envelope) => seen.push(envelope),
    });
    await broker.ready();
    const created = createEnvelope(linkCreated, {
      linkId: '3',
      slug: 'new',
      targetUrl: 'https://example.com/',
      ownerId: null,
    });
    broker.deliver(encodeEnvelopes([updated, { ...deleted, data: { slug: 'no id' } }, deleted]));
    broker.deliver(encodeEnvelopes([created]));
    broker.deliver(Buffer.from('not json'));
    expect(seen.map((envelope) => envelope.data)).toEqual([updated.data, deleted.data]);
  });

  it('keeps delivering after a handler threw', async () => {
    const broker = fakeBroker();
    const seen: string[] = [];
    openReplicaEventQueue(broker.connection, {
      name: 'unit',
      contracts: [linkUpdated, linkDeleted],
      onEvent: ({ data }) => {
        if (data.slug === 'edited') throw new Error('boom');
        seen.push(data.slug);
      },
    });
    await broker.ready();
    broker.deliver(encodeEnvelopes([updated]));
    broker.deliver(encodeEnvelopes([deleted]));
    expect(seen).toEqual(['gone']);
  });
});
