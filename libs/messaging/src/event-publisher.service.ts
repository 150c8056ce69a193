/**
 * Publishes domain events to the events exchange with publisher confirms, persistent messages
 * and `mandatory` (an unroutable event is reported, not silently dropped by the broker).
 *
 * `publish` never waits for the broker: callers on hot paths (the redirect) go on at once.
 * Events of one routing key are packed into one message (up to MAX_EVENTS_PER_MESSAGE, at most
 * LINGER_MS after the first): a broker message per redirect would cost the broker and the
 * gateway more CPU than the redirect itself. A message body is one envelope, or a JSON array
 * of envelopes when several went together.
 *
 * While RabbitMQ is down or slow, events wait in a bounded in-memory buffer (the channel's
 * queue plus unconfirmed messages) and go out on reconnection; past the bound they are
 * dropped and counted as `events_published_total{result="dropped"}`.
 */
import { InjectConfig, type BeaconConfig } from '@beacon/config';
import { Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import type { ConfirmChannel, Message } from 'amqplib';
import type { ChannelWrapper } from 'amqp-connection-manager';
import { randomUUID } from 'node:crypto';
import type { Counter } from 'prom-client';
import {
  createEnvelope,
  type EventContract,
  type EventData,
  type EventEnvelope,
} from './event-contract';
import { EVENTS_PUBLISHED_TOTAL } from './messaging.metrics';
import { RabbitConnection } from './rabbit-connection';
import { EVENT_COUNT_HEADER } from './rabbit-topology';

/** Events held while the broker is unreachable or has not confirmed them yet. */
export const PUBLISH_BUFFER_LIMIT = 10_000;
export const MAX_EVENTS_PER_MESSAGE = 100;
export const LINGER_MS = 20;

/** At most one "buffer full" log line per interval; every drop is counted regardless. */
const DROP_LOG_INTERVAL_MS = 10_000;

@Injectable()
export class EventPublisher implements BeforeApplicationShutdown {
  private readonly logger = new Logger(EventPublisher.name);
  private readonly channel: ChannelWrapper;
  private readonly exchange: string;
  private readonly drainTimeoutMs: number;
  /** Per routing key, the events waiting for the linger, already serialised (see publish). */
  private readonly batches = new Map<string, { ids: string[]; json: string[] }>();
  private lingerTimer: NodeJS.Timeout | undefined;
  private pending = 0;
  private lastDropLogAt = 0;
  private closing = false;

  constructor(
    connection: RabbitConnection,
    @InjectConfig() config: BeaconConfig,
    @InjectMetric(EVENTS_PUBLISHED_TOTAL) private readonly published: Counter<'type' | 'result'>,
  ) {
    this.drainTimeoutMs = config.shutdown.timeoutMs;
    const topology = connection.topology;
    this.exchange = topology.eventsExchange;
    this.channel = connection.createChannel({
      name: 'event-publisher',
      confirm: true,
      setup: async (channel: ConfirmChannel) => {
        await topology.declare(channel);
        channel.on('return', (message: Message) => this.onReturned(message));
      },
    });
  }

  /** Events accepted but not yet confirmed by the broker. */
  get pendingCount(): number {
    return this.pending;
  }

  publish<C extends EventContract>(contract: C, data: EventData<C>): EventEnvelope<EventData<C>> {
    const envelope = createEnvelope(contract, data);
    if (this.pending >= PUBLISH_BUFFER_LIMIT) {
      this.drop(envelope.type);
      return envelope;
    }
    this.pending++;
    // Serialised at once: a string is cheaper to keep until the broker confirms than the
    // envelope's object graph, which would otherwise survive into the old generation.
    const batch = this.batches.get(envelope.type) ?? { ids: [], json: [] };
    this.batches.set(envelope.type, batch);
    batch.ids.push(envelope.id);
    batch.json.push(JSON.stringify(envelope));
    if (batch.ids.length >= MAX_EVENTS_PER_MESSAGE) this.flush(envelope.type);
    else this.lingerTimer ??= setTimeout(() => this.flushAll(), LINGER_MS);
    return envelope;
  }

  /** On shutdown, give buffered events up to SHUTDOWN_TIMEOUT_MS to reach the broker. */
  async beforeApplicationShutdown(): Promise<void> {
    this.flushAll();
    const deadline = Date.now() + this.drainTimeoutMs;
    while (this.pending > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    this.closing = true;
    if (this.pending > 0)
      this.logger.error(`shutting down with ${this.pending} unconfirmed events`);
    await this.channel.close();
  }

  private flushAll(): void {
    clearTimeout(this.lingerTimer);
    this.lingerTimer = undefined;
    for (const type of [...this.batches.keys()]) this.flush(type);
  }

  private flush(type: string): void {
    const batch = this.batches.get(type);
    this.batches.delete(type);
    if (!batch) return;
    const count = batch.ids.length;
    this.send(type, batch)
      .then(() => this.published.inc({ type, result: 'confirmed' }, count))
      .catch((error: Error) => {
        this.published.inc({ type, result: 'failed' }, count);
        if (this.closing) return; // counted; shutdown logs one summary line instead
        this.logger.error(`publishing ${count} ${type} events failed: ${error.message}`);
      })
      .finally(() => (this.pending -= count));
  }

  private send(type: string, batch: { ids: string[]; json: string[] }): Promise<boolean> {
    const single = batch.ids.length === 1;
    const body = single ? batch.json[0] : `[${batch.json.join(',')}]`;
    return this.channel.publish(this.exchange, type, Buffer.from(body), {
      persistent: true,
      mandatory: true,
      contentType: 'application/json',
      messageId: single ? batch.ids[0] : randomUUID(),
      type,
      timestamp: Math.floor(Date.now() / 1000),
      headers: { [EVENT_COUNT_HEADER]: batch.ids.length },
    });
  }

  private drop(type: string): void {
    this.published.inc({ type, result: 'dropped' });
    const now = Date.now();
    if (now - this.lastDropLogAt < DROP_LOG_INTERVAL_MS) return;
    this.lastDropLogAt = now;
    this.logger.error(`publish buffer full (${PUBLISH_BUFFER_LIMIT} events): dropping ${type}`);
  }

  private onReturned(message: Message): void {
    const type = String(message.properties.type ?? 'unknown');
    const count = Number(message.properties.headers?.[EVENT_COUNT_HEADER] ?? 1);
    this.published.inc({ type, result: 'returned' }, count);
    this.logger.warn(`${count} ${type} events were unroutable: no queue is bound to ${type}`);
  }
}
