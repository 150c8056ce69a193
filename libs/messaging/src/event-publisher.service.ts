/**
 * Publishes domain events to the events exchange with publisher confirms, persistent messages
 * and `mandatory` (an unroutable event is reported, not silently dropped by the broker).
 *
 * `publish` never waits for the broker and does almost nothing on the caller's path (the
 * redirect): it queues the data. At flush time, events of one routing key are validated against
 * their contract, wrapped in envelopes and packed into one message (up to MAX_EVENTS_PER_MESSAGE,
 * at most LINGER_MS after the first): a broker message per redirect would cost the broker and
 * the gateway more CPU than the redirect itself, and building envelopes in one tight loop is
 * cheaper than one at a time between requests. A message body is one envelope, or a JSON array
 * of envelopes when several went together. Data that breaks its contract (a publisher bug) is
 * logged and counted as `result="invalid"`, never sent.
 *
 * While RabbitMQ is down or slow, events wait in a bounded in-memory buffer (the channel's
 * queue plus unconfirmed messages) and go out on reconnection; a message whose confirm never
 * comes (it was in flight when the connection dropped) is sent again. Past the bound, events
 * are dropped and counted as `events_published_total{result="dropped"}`.
 */
import { InjectConfig, type BeaconConfig } from '@beacon/config';
import {
  Counted,
  currentRequestId,
  EVENTS_PUBLISHED,
  type CallOutcome,
} from '@beacon/observability';
import { Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { context, type Context } from '@opentelemetry/api';
import type { ConfirmChannel, Message } from 'amqplib';
import type { ChannelWrapper } from 'amqp-connection-manager';
import { randomUUID } from 'node:crypto';
import {
  encodeEnvelopes,
  createEnvelope,
  type EventContract,
  type EventData,
  type EventEnvelope,
} from './event-contract';
import { RabbitConnection } from './rabbit-connection';
import { EVENT_COUNT_HEADER, REQUEST_ID_HEADER } from './rabbit-topology';

/** Events of one routing key waiting for the linger. */
interface PendingBatch {
  events: QueuedEvent[];
  /** The trace and request of the first event: the batch's message continues them. */
  context: Context;
  requestId: string | undefined;
}

interface QueuedEvent {
  contract: EventContract;
  data: unknown;
  occurredAtMs: number;
}

/** Events held while the broker is unreachable or has not confirmed them yet. */
export const PUBLISH_BUFFER_LIMIT = 10_000;
export const MAX_EVENTS_PER_MESSAGE = 100;
export const LINGER_MS = 20;
/** A message the broker has not confirmed by then is sent again. */
const CONFIRM_TIMEOUT_MS = 10_000;
const RETRY_DELAY_MS = 1_000;

/** Repeated conditions (buffer full, unroutable) log once per interval; each is always counted. */
const REPEAT_LOG_INTERVAL_MS = 10_000;

@Injectable()
export class EventPublisher implements BeforeApplicationShutdown {
  private readonly logger = new Logger(EventPublisher.name);
  private readonly channel: ChannelWrapper;
  private readonly exchange: string;
  private readonly drainTimeoutMs: number;
  /** Per routing key, the events waiting for the linger. */
  private readonly batches = new Map<string, PendingBatch>();
  private lingerTimer: NodeJS.Timeout | undefined;
  private pending = 0;
  private readonly lastLoggedAt = new Map<string, number>();
  /** Message ids the broker returned as unroutable; their confirm follows the return. */
  private readonly returnedIds = new Set<string>();
  private closing = false;

  constructor(connection: RabbitConnection, @InjectConfig() config: BeaconConfig) {
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

  /** `occurredAtMs`: when the fact happened (epoch ms), if the caller already read the clock. */
  publish<C extends EventContract>(
    contract: C,
    data: EventData<C>,
    occurredAtMs: number = Date.now(),
  ): void {
    if (this.pending >= PUBLISH_BUFFER_LIMIT) return this.drop(contract.type);
    this.pending++;
    const batch = this.batches.get(contract.type) ?? this.startBatch(contract.type);
    batch.events.push({ contract, data, occurredAtMs });
    if (batch.events.length >= MAX_EVENTS_PER_MESSAGE) this.flush(contract.type);
    else this.lingerTimer ??= setTimeout(() => this.flushAll(), LINGER_MS);
  }

  /** On shutdown, give buffered events up to SHUTDOWN_TIMEOUT_MS to reach the broker. */
  async beforeApplicationShutdown(): Promise<void> {
    this.flushAll();
    const deadline = Date.now() + this.drainTimeoutMs;
    while (this.pending > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    this.closing = true;
    if (this.pending > 0) {
      this.logger.error(`shutting down with ${this.pending} unconfirmed events`);
    }
    await this.channel.close();
  }

  private flushAll(): void {
    clearTimeout(this.lingerTimer);
    this.lingerTimer = undefined;
    for (const type of [...this.batches.keys()]) this.flush(type);
  }

  private startBatch(type: string): PendingBatch {
    const batch = { events: [], context: context.active(), requestId: currentRequestId() };
    this.batches.set(type, batch);
    return batch;
  }

  private flush(type: string): void {
    const batch = this.batches.get(type);
    this.batches.delete(type);
    if (!batch) return;
    const envelopes = this.toEnvelopes(type, batch.events);
    if (envelopes.length === 0) return;
    this.sendUntilSettled(type, envelopes, batch);
  }

  /**
   * Sends until the broker confirms. A failed attempt (nacked, or no confirm within
   * CONFIRM_TIMEOUT_MS: amqplib never settles what was in flight when a connection drops) is
   * counted and sent again after RETRY_DELAY_MS, with the same envelope ids, so consumers drop
   * a copy that did arrive. The events stay within the buffer's bound meanwhile.
   */
  private sendUntilSettled(
    type: string,
    envelopes: EventEnvelope[],
    batch: Omit<PendingBatch, 'events'>,
  ): void {
    const count = envelopes.length;
    // Published in the first event's trace: the amqplib instrumentation adds a publish span
    // there and writes its `traceparent` into the message headers for the consumer.
    context
      .with(batch.context, () => this.send(type, envelopes, batch.requestId))
      .then(
        () => (this.pending -= count),
        (error: Error) => {
          if (this.closing) {
            this.pending -= count; // counted; shutdown logs one summary line instead
            return;
          }
          if (this.shouldLog(`failed:${type}`)) {
            this.logger.warn(
              `publishing ${count} ${type} events failed (${error.message}); retrying`,
            );
          }
          setTimeout(() => this.sendUntilSettled(type, envelopes, batch), RETRY_DELAY_MS);
        },
      );
  }

  /** Validates and wraps queued events; the invalid ones are counted and left out. */
  private toEnvelopes(type: string, queued: QueuedEvent[]): EventEnvelope[] {
    const envelopes: EventEnvelope[] = [];
    for (const event of queued) {
      try {
        envelopes.push(createEnvelope(event.contract, event.data, event.occurredAtMs));
      } catch (error) {
        this.refuse(type, error);
      }
    }
    return envelopes;
  }

  @Counted(EVENTS_PUBLISHED, {
    labels: ({ args: [type] }: CallOutcome<[string, unknown]>) => ({ type, result: 'invalid' }),
  })
  private refuse(type: string, error: unknown): void {
    this.pending--;
    this.logger.error(`refused a ${type} event that breaks its contract: ${String(error)}`);
  }

  /**
   * Sends one message and counts its events by how the broker settled it: confirmed (queued),
   * returned (confirmed, but no queue is bound to the type) or failed (nacked, channel lost).
   */
  @Counted(EVENTS_PUBLISHED, {
    labels: ({
      args: [type],
      result,
      failed,
    }: CallOutcome<[string, EventEnvelope[], string | undefined], string>) => ({
      type,
      result: failed ? 'failed' : String(result),
    }),
    amount: ({ args: [, envelopes] }) => envelopes.length,
  })
  private async send(
    type: string,
    envelopes: EventEnvelope[],
    requestId: string | undefined,
  ): Promise<'confirmed' | 'returned'> {
    const messageId = envelopes.length === 1 ? envelopes[0].id : randomUUID();
    await this.channel.publish(this.exchange, type, encodeEnvelopes(envelopes), {
      persistent: true,
      mandatory: true,
      contentType: 'application/json',
      messageId,
      type,
      timestamp: Math.floor(Date.now() / 1000),
      timeout: CONFIRM_TIMEOUT_MS,
      headers: {
        [EVENT_COUNT_HEADER]: envelopes.length,
        ...(requestId === undefined ? {} : { [REQUEST_ID_HEADER]: requestId }),
      },
    });
    return this.returnedIds.delete(messageId) ? 'returned' : 'confirmed';
  }

  @Counted(EVENTS_PUBLISHED, {
    labels: ({ args: [type] }: CallOutcome<[string]>) => ({ type, result: 'dropped' }),
  })
  private drop(type: string): void {
    if (this.shouldLog(`dropped:${type}`)) {
      this.logger.error(`publish buffer full (${PUBLISH_BUFFER_LIMIT} events): dropping ${type}`);
    }
  }

  private onReturned(message: Message): void {
    this.returnedIds.add(String(message.properties.messageId));
    const type = String(message.properties.type ?? 'unknown');
    if (this.shouldLog(`returned:${type}`)) {
      this.logger.warn(`${type} events are unroutable: no queue is bound to ${type}`);
    }
  }

  private shouldLog(condition: string): boolean {
    const now = Date.now();
    if (now - (this.lastLoggedAt.get(condition) ?? 0) < REPEAT_LOG_INTERVAL_MS) return false;
    this.lastLoggedAt.set(condition, now);
    return true;
  }
}
