/**
 * Beacon's RabbitMQ topology, declared identically by every app (so no 406 PRECONDITION_FAILED
 * from differing arguments, and events published before the first worker boot still have a
 * queue to land in):
 *
 *   ${prefix}.events        topic exchange, every event by its routing key
 *   ${prefix}.<consumer>    quorum queue per consumer, bound to the keys it needs
 *   ${prefix}.<consumer>.retry.<n>   delay queues: TTL, then dead-lettered back to the consumer queue
 *   ${prefix}.dead-letter   direct exchange; routes `<consumer>` to ${prefix}.<consumer>.dead
 *   ${prefix}.<consumer>.dead        poison messages, with the reason in a header
 *
 * No queue has a length limit: the default overflow (`drop-head`) would delete the oldest
 * events, and arguments cannot change on a live queue. A consumer queue absorbs what its worker
 * has not stored until the broker's disk or memory alarm blocks the publishers, whose spool
 * then takes over; a cap, if wanted, is a policy with `overflow: reject-publish`.
 */
import type { Channel } from 'amqplib';
import { linkCreated } from './events/link-created.event';
import { linkVisited } from './events/link-visited.event';
import { productCreated, productViewed } from './events/product.events';

/** Each consumer's queue and the routing keys bound to it. */
export const RABBIT_CONSUMERS: Readonly<Record<string, readonly string[]>> = {
  analytics: [linkVisited.type],
  'product-analytics': [productViewed.type],
  enrichment: [linkCreated.type, productCreated.type],
};

/** Redeliveries (crashes, lost channels) after which the broker itself dead-letters a message. */
const DELIVERY_LIMIT = 20;

/**
 * A dead queue keeps its messages however often `npm run dlq -- list` looks at them (each look
 * is a delivery); RabbitMQ 4 would otherwise apply its default quorum limit of 20 and drop them.
 */
const DEAD_QUEUE_DELIVERY_LIMIT = 1_000_000;

export const ATTEMPT_HEADER = 'x-beacon-attempt';
/** How many envelopes a message carries (a body is one envelope or an array of them). */
export const EVENT_COUNT_HEADER = 'x-beacon-event-count';
/** The id of the request that caused the events (logs on both sides share it). */
export const REQUEST_ID_HEADER = 'x-request-id';
export const DEATH_REASON_HEADER = 'x-beacon-death-reason';
/** On a retried copy: why its last attempt failed. */
export const LAST_ERROR_HEADER = 'x-beacon-last-error';

export class RabbitTopology {
  /**
   * `retryDelaysMs` (EVENT_RETRY_DELAYS_MS): the delay before the n-th retry of a failed message;
   * after the last one it is dead-lettered. Every app of a deployment must use the same.
   */
  constructor(
    readonly prefix: string,
    readonly retryDelaysMs: readonly number[],
  ) {}

  get eventsExchange(): string {
    return `${this.prefix}.events`;
  }

  get deadLetterExchange(): string {
    return `${this.prefix}.dead-letter`;
  }

  queue(consumer: string): string {
    return `${this.prefix}.${consumer}`;
  }

  retryQueue(consumer: string, attempt: number): string {
    return `${this.prefix}.${consumer}.retry.${attempt}`;
  }

  deadQueue(consumer: string): string {
    return `${this.prefix}.${consumer}.dead`;
  }

  async declare(channel: Channel): Promise<void> {
    await channel.assertExchange(this.eventsExchange, 'topic', { durable: true });
    await channel.assertExchange(this.deadLetterExchange, 'direct', { durable: true });
    for (const [consumer, routingKeys] of Object.entries(RABBIT_CONSUMERS)) {
      await this.declareConsumer(channel, consumer, routingKeys);
    }
  }

  /** Deletes every exchange and queue of this prefix (tests and benchmarks clean up with it). */
  async delete(channel: Channel): Promise<void> {
    for (const consumer of Object.keys(RABBIT_CONSUMERS)) {
      await channel.deleteQueue(this.queue(consumer));
      await channel.deleteQueue(this.deadQueue(consumer));
      for (let attempt = 1; attempt <= this.retryDelaysMs.length; attempt++) {
        await channel.deleteQueue(this.retryQueue(consumer, attempt));
      }
    }
    await channel.deleteExchange(this.eventsExchange);
    await channel.deleteExchange(this.deadLetterExchange);
  }

  private async declareConsumer(
    channel: Channel,
    consumer: string,
    routingKeys: readonly string[],
  ): Promise<void> {
    const queue = this.queue(consumer);
    await channel.assertQueue(queue, {
      durable: true,
      arguments: {
        'x-queue-type': 'quorum',
        'x-delivery-limit': DELIVERY_LIMIT,
        'x-dead-letter-exchange': this.deadLetterExchange,
        'x-dead-letter-routing-key': consumer,
      },
    });
    for (const routingKey of routingKeys) {
      await channel.bindQueue(queue, this.eventsExchange, routingKey);
    }
    await channel.assertQueue(this.deadQueue(consumer), {
      durable: true,
      arguments: { 'x-queue-type': 'quorum', 'x-delivery-limit': DEAD_QUEUE_DELIVERY_LIMIT },
    });
    await channel.bindQueue(this.deadQueue(consumer), this.deadLetterExchange, consumer);
    for (const [index, delay] of this.retryDelaysMs.entries()) {
      await channel.assertQueue(this.retryQueue(consumer, index + 1), {
        durable: true,
        arguments: {
          'x-message-ttl': delay,
          'x-dead-letter-exchange': '',
          'x-dead-letter-routing-key': queue,
        },
      });
    }
  }
}
