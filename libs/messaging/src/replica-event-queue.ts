/**
 * Events that every replica of an app must see, not just one of them (cache evictions): each
 * replica gets a queue of its own, exclusive and auto-deleted, bound to the contracts' routing
 * keys on the events exchange and declared again on every reconnection. Deliveries are not
 * acknowledged one by one (`noAck`): the queue dies with its replica anyway, and what a lost
 * message costs is for the caller to bound (its cache's TTL). Only valid envelopes of the
 * contracts asked for reach `onEvent`; a malformed one has no dead queue here and is dropped.
 */
import { Logger } from '@nestjs/common';
import type { Channel, ConsumeMessage } from 'amqplib';
import type { EventContract, EventData, EventEnvelope } from './event-contract';
import { parseInboundMessage } from './inbound-event';
import type { RabbitConnection } from './rabbit-connection';

export interface ReplicaEventQueueOptions<C extends EventContract> {
  /** Names the channel in logs. */
  name: string;
  contracts: readonly C[];
  /** Runs inside the delivery: keep it short, and never let it throw. */
  onEvent(envelope: EventEnvelope<EventData<C>>): void;
}

export interface ReplicaEventQueue {
  close(): Promise<void>;
}

const logger = new Logger('ReplicaEventQueue');

export function openReplicaEventQueue<C extends EventContract>(
  connection: RabbitConnection,
  { name, contracts, onEvent }: ReplicaEventQueueOptions<C>,
): ReplicaEventQueue {
  const exchange = connection.topology.eventsExchange;
  const types = new Set<string>(contracts.map((contract) => contract.type));
  const deliver = (message: ConsumeMessage | null): void => {
    if (!message) return;
    for (const event of parseInboundMessage(message.content)) {
      if (!event.valid || !types.has(event.envelope.type)) continue;
      try {
        onEvent(event.envelope as EventEnvelope<EventData<C>>);
      } catch (error) {
        // Thrown inside amqplib's dispatch, it would close the channel and its queue.
        logger.error(`${name}: ${event.envelope.type} handler failed: ${String(error)}`);
      }
    }
  };
  const channel = connection.createChannel({
    name,
    setup: async (amqp: Channel) => {
      await amqp.assertExchange(exchange, 'topic', { durable: true });
      const { queue } = await amqp.assertQueue('', { exclusive: true, autoDelete: true });
      for (const type of types) await amqp.bindQueue(queue, exchange, type);
      await amqp.consume(queue, deliver, { noAck: true });
    },
  });
  return { close: () => channel.close() };
}
