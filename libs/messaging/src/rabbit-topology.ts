/**
 * Beacon's RabbitMQ topology, declared identically by every app (so no 406 PRECONDITION_FAILED
 * from differing arguments, and events published before the first worker boot still have a
 * queue to land in), and again on every reconnection, to whichever node of a cluster:
 *
 *   ${prefix}.events        topic exchange, every event by its routing key
 *   ${prefix}.<consumer>    quorum queue per consumer, bound to the keys it needs
 *   ${prefix}.<consumer>.retry.<delay>ms   delay queues: TTL, then dead-lettered back to the consumer queue
 *   ${prefix}.dead-letter   direct exchange; routes `<consumer>` to ${prefix}.<consumer>.dead
 *   ${prefix}.<consumer>.dead        poison messages, with the reason in a header
 *
 * Every queue is a quorum queue, replicated on up to three nodes of a cluster (RabbitMQ's
 * default group size), so it survives the loss of one. A classic queue lives on one node: while
 * that node is down, declaring it fails (404), which would close the channel whose setup
 * declares the topology, and with it the consumers or the publisher. No queue sets
 * `x-quorum-initial-group-size`: it is an argument the broker compares on every declaration, so
 * adding it to live queues would refuse them all (406); the broker's `quorum_cluster_size` is
 * the place to change the default.
 *
 * No queue has a length limit: the default overflow (`drop-head`) would delete the oldest
 * events, and arguments cannot change on a live queue. A consumer queue absorbs what its worker
 * has not stored until the broker's disk or memory alarm blocks the publishers, whose spool
 * then takes over; a cap, if wanted, is a policy with `overflow: reject-publish`.
 */
import type { RabbitConfig } from '@beacon/config';
import type { Channel } from 'amqplib';
import { linkCreated } from './events/link-created.event';
import { linkDeleted } from './events/link-deleted.event';
import { linkExpired } from './events/link-expired.event';
import { linkVisited } from './events/link-visited.event';
import { productCreated, productViewed } from './events/product.events';
import { webhookDelivery } from './events/webhook-delivery.event';

/** Each consumer's queue and the routing keys bound to it. */
export const RABBIT_CONSUMERS: Readonly<Record<string, readonly string[]>> = {
  analytics: [linkVisited.type],
  'product-analytics': [productViewed.type],
  enrichment: [linkCreated.type, productCreated.type],
  webhooks: [linkVisited.type, linkCreated.type, linkDeleted.type, linkExpired.type],
  'webhook-deliveries': [webhookDelivery.type],
};

/** The consumer whose retries follow WEBHOOK_RETRY_DELAYS_MS instead of EVENT_RETRY_DELAYS_MS. */
export const WEBHOOK_DELIVERIES_CONSUMER = 'webhook-deliveries';

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
   * after the last one it is dead-lettered. Every app of a deployment must use the same (build
   * it with `RabbitTopology.of(config)`).
   */
  constructor(
    readonly prefix: string,
    readonly retryDelaysMs: readonly number[],
    /** Consumers whose retries follow delays of their own (webhook deliveries). */
    private readonly delaysByConsumer: Readonly<Record<string, readonly number[]>> = {},
  ) {}

  /** The topology a deployment's config describes (every app and tool must build the same). */
  static of(rabbit: RabbitConfig): RabbitTopology {
    return new RabbitTopology(rabbit.prefix, rabbit.retryDelaysMs, {
      [WEBHOOK_DELIVERIES_CONSUMER]: rabbit.webhookRetryDelaysMs,
    });
  }

  /** The delays of a consumer's retries; after the last, its failed messages are dead. */
  retryDelaysOf(consumer: string): readonly number[] {
    return this.delaysByConsumer[consumer] ?? this.retryDelaysMs;
  }

  get eventsExchange(): string {
    return `${this.prefix}.events`;
  }

  get deadLetterExchange(): string {
    return `${this.prefix}.dead-letter`;
  }

  queue(consumer: string): string {
    return `${this.prefix}.${consumer}`;
  }

  /**
   * Named by its delay, not by the attempt: a queue's TTL cannot change, so new
   * EVENT_RETRY_DELAYS_MS make new queues (the old ones empty themselves) instead of a 406.
   */
  retryQueue(consumer: string, attempt: number): string {
    return this.delayQueue(consumer, this.retryDelaysOf(consumer)[attempt - 1]);
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
      for (const delay of new Set(this.retryDelaysOf(consumer))) {
        await channel.deleteQueue(this.delayQueue(consumer, delay));
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
    for (const delay of new Set(this.retryDelaysOf(consumer))) {
      await channel.assertQueue(this.delayQueue(consumer, delay), {
        durable: true,
        arguments: {
          'x-queue-type': 'quorum',
          'x-message-ttl': delay,
          'x-dead-letter-exchange': '',
          'x-dead-letter-routing-key': queue,
          // Kept until the consumer queue confirms it: an expiry during that queue's leader
          // election (a node going away) would otherwise drop the event. Needs reject-publish,
          // inert here since no length limit is set.
          'x-dead-letter-strategy': 'at-least-once',
          'x-overflow': 'reject-publish',
        },
      });
    }
  }

  private delayQueue(consumer: string, delayMs: number): string {
    return `${this.prefix}.${consumer}.retry.${delayMs}ms`;
  }
}
