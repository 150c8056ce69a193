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
 * While RabbitMQ is down or slow, events wait in a bounded in-memory buffer (EVENT_BUFFER_LIMIT
 * events not yet confirmed) and go out on reconnection; a message whose confirm never comes (it
 * was in flight when the connection dropped) is sent again. Past the bound, and for whatever is
 * still unconfirmed at shutdown, events spill into the overflow the app registered (the
 * gateway's outbox, whose relay sends them later), counted as `result="spilled"`. Only when
 * there is no overflow, or it fails too, is an event lost: `events_dropped_total{type}`.
 */
import { InjectConfig, type BeaconConfig } from '@beacon/config';
import {
  Counted,
  currentRequestId,
  EVENTS_DROPPED,
  EVENTS_PUBLISHED,
  zeroCounter,
  type CallOutcome,
} from '@beacon/observability';
import { Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { context } from '@opentelemetry/api';
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
import type { EventOrigin, EventOverflow } from './event-overflow';
import { EVENT_TYPES } from './events/event-catalog';
import { RabbitConnection } from './rabbit-connection';
import { EVENT_COUNT_HEADER, REQUEST_ID_HEADER } from './rabbit-topology';

/** Events of one routing key waiting for the linger; the message continues the first's origin. */
interface PendingBatch extends EventOrigin {
  events: QueuedEvent[];
}

interface QueuedEvent {
  contract: EventContract;
  data: unknown;
  occurredAtMs: number;
}

/** One message's worth of envelopes, on its way to the broker or the overflow. */
interface OutgoingMessage extends EventOrigin {
  type: string;
  envelopes: EventEnvelope[];
}

export const MAX_EVENTS_PER_MESSAGE = 100;
/**
 * Events on their way to the overflow (waiting for its insert) are bounded apart from the
 * buffer: while the broker is away every new event goes this way, faster than one insert at a
 * time may take them when the buffer is small.
 */
const SPILL_QUEUE_LIMIT = 10_000;
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
  private readonly bufferLimit: number;
  private readonly drainTimeoutMs: number;
  /** Per routing key, the events waiting for the linger. */
  private readonly batches = new Map<string, PendingBatch>();
  private lingerTimer: NodeJS.Timeout | undefined;
  /** Events accepted and not yet confirmed: queued or in `unsettled`. */
  private pending = 0;
  private readonly unsettled = new Set<OutgoingMessage>();
  private overflow: EventOverflow | undefined;
  /** Per routing key, envelopes on their way to the overflow (the buffer is full). */
  private readonly spills = new Map<string, OutgoingMessage>();
  private spillTimer: NodeJS.Timeout | undefined;
  /** Envelopes in `spills` or being stored by the overflow (at most SPILL_QUEUE_LIMIT). */
  private spilling = 0;
  private readonly storing = new Set<Promise<void>>();
  private readonly lastLoggedAt = new Map<string, number>();
  /** Message ids the broker returned as unroutable; their confirm follows the return. */
  private readonly returnedIds = new Set<string>();
  private closing = false;

  constructor(connection: RabbitConnection, @InjectConfig() config: BeaconConfig) {
    this.bufferLimit = config.rabbitmq.publishBufferLimit;
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
    // Exported at 0 from the start, so an alert on any increase has a series to watch.
    for (const type of EVENT_TYPES) zeroCounter(EVENTS_DROPPED, { type });
  }

  /** Events accepted but not yet confirmed by the broker (nor handed to the overflow). */
  get pendingCount(): number {
    return this.pending;
  }

  /** Where events go when the buffer is full or the broker still has not confirmed at shutdown. */
  spillInto(overflow: EventOverflow): void {
    this.overflow = overflow;
  }

  /** `occurredAtMs`: when the fact happened (epoch ms), if the caller already read the clock. */
  publish<C extends EventContract>(
    contract: C,
    data: EventData<C>,
    occurredAtMs: number = Date.now(),
  ): void {
    if (this.pending >= this.bufferLimit) return this.spill(contract, data, occurredAtMs);
    this.pending++;
    const batch = this.batches.get(contract.type) ?? this.startBatch(contract.type);
    batch.events.push({ contract, data, occurredAtMs });
    if (batch.events.length >= MAX_EVENTS_PER_MESSAGE) this.flush(contract.type);
    else this.lingerTimer ??= setTimeout(() => this.flushAll(), LINGER_MS);
  }

  /**
   * Sends stored envelopes at once (the outbox relay): resolves when the broker confirms (or
   * returns) the message, rejects otherwise. Nothing is buffered or retried here: the caller
   * keeps the envelopes until this resolves.
   */
  relay(type: string, envelopes: EventEnvelope[], origin: EventOrigin): Promise<string> {
    if (this.closing) return Promise.reject(new Error('the publisher is shutting down'));
    return context.with(origin.context, () => this.send(type, envelopes, origin.requestId));
  }

  /**
   * On shutdown, gives buffered events time to reach the broker (half of SHUTDOWN_TIMEOUT_MS
   * when there is an overflow, all of it otherwise), then spills what is still unconfirmed.
   */
  async beforeApplicationShutdown(): Promise<void> {
    this.flushAll();
    this.storeSpills();
    const deadline = Date.now() + (this.overflow ? this.drainTimeoutMs / 2 : this.drainTimeoutMs);
    while (this.pending > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    this.closing = true;
    if (this.pending > 0) {
      this.logger.warn(
        `${this.pending} events still unconfirmed at shutdown: ${this.overflow ? 'spilling them' : 'dropping them'}`,
      );
    }
    for (const message of [...this.unsettled]) this.giveUp(message);
    await Promise.all(this.storing);
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
    const message = { type, envelopes, context: batch.context, requestId: batch.requestId };
    this.unsettled.add(message);
    this.sendUntilSettled(message);
  }

  /**
   * Sends until the broker confirms. A failed attempt (nacked, or no confirm within
   * CONFIRM_TIMEOUT_MS: amqplib never settles what was in flight when a connection drops) is
   * counted and sent again after RETRY_DELAY_MS, with the same envelope ids, so consumers drop
   * a copy that did arrive. The events stay within the buffer's bound meanwhile.
   */
  private sendUntilSettled(message: OutgoingMessage): void {
    if (!this.unsettled.has(message)) return; // spilled at shutdown meanwhile
    const { type, envelopes } = message;
    // Published in the first event's trace: the amqplib instrumentation adds a publish span
    // there and writes its `traceparent` into the message headers for the consumer.
    context
      .with(message.context, () => this.send(type, envelopes, message.requestId))
      .then(
        () => this.settle(message),
        (error: Error) => {
          if (!this.unsettled.has(message)) return;
          if (this.closing) return this.giveUp(message);
          if (this.shouldLog(`failed:${type}`)) {
            this.logger.warn(
              `publishing ${envelopes.length} ${type} events failed (${error.message}); retrying`,
            );
          }
          setTimeout(() => this.sendUntilSettled(message), RETRY_DELAY_MS);
        },
      );
  }

  private settle(message: OutgoingMessage): boolean {
    if (!this.unsettled.delete(message)) return false;
    this.pending -= message.envelopes.length;
    return true;
  }

  /** Past the shutdown's wait: the overflow keeps the message (a late confirm makes a copy). */
  private giveUp(message: OutgoingMessage): void {
    if (!this.settle(message)) return;
    if (this.overflow) this.track(this.spillOrDrop(message));
    else this.drop(message.type, message.envelopes.length, 'unconfirmed at shutdown');
  }

  /** Validates and wraps queued events; the invalid ones are counted and left out. */
  private toEnvelopes(type: string, queued: QueuedEvent[]): EventEnvelope[] {
    const envelopes: EventEnvelope[] = [];
    for (const event of queued) {
      try {
        envelopes.push(createEnvelope(event.contract, event.data, event.occurredAtMs));
      } catch (error) {
        this.pending--;
        this.refuse(type, error);
      }
    }
    return envelopes;
  }

  /** The buffer is full: the event goes to the overflow, in messages like the broker's. */
  private spill<C extends EventContract>(contract: C, data: EventData<C>, occurredAtMs: number) {
    const type = contract.type;
    if (!this.overflow) return this.drop(type, 1, 'the buffer is full');
    if (this.spilling >= SPILL_QUEUE_LIMIT) return this.drop(type, 1, 'the outbox is too slow');
    let envelope: EventEnvelope;
    try {
      envelope = createEnvelope(contract, data, occurredAtMs);
    } catch (error) {
      return this.refuse(type, error);
    }
    this.spilling++;
    const message = this.spills.get(type) ?? this.startSpill(type);
    message.envelopes.push(envelope);
    if (message.envelopes.length >= MAX_EVENTS_PER_MESSAGE) this.storeSpill(type);
    else this.spillTimer ??= setTimeout(() => this.storeSpills(), LINGER_MS);
  }

  private startSpill(type: string): OutgoingMessage {
    const message = {
      type,
      envelopes: [],
      context: context.active(),
      requestId: currentRequestId(),
    };
    this.spills.set(type, message);
    if (this.shouldLog(`spilling:${type}`)) {
      this.logger.warn(
        `publish buffer full (${this.bufferLimit} events unconfirmed): spilling ${type} into the outbox`,
      );
    }
    return message;
  }

  private storeSpills(): void {
    clearTimeout(this.spillTimer);
    this.spillTimer = undefined;
    for (const type of [...this.spills.keys()]) this.storeSpill(type);
  }

  private storeSpill(type: string): void {
    const message = this.spills.get(type);
    this.spills.delete(type);
    if (!message) return;
    const stored = this.spillOrDrop(message);
    this.track(stored.finally(() => (this.spilling -= message.envelopes.length)));
  }

  private async spillOrDrop(message: OutgoingMessage): Promise<void> {
    try {
      await this.spillMessage(message);
    } catch (error) {
      this.drop(message.type, message.envelopes.length, `the outbox failed: ${String(error)}`);
    }
  }

  @Counted(EVENTS_PUBLISHED, {
    labels: ({ args: [message], failed }: CallOutcome<[OutgoingMessage]>) =>
      failed ? null : { type: message.type, result: 'spilled' },
    amount: ({ args: [message] }) => message.envelopes.length,
  })
  private spillMessage(message: OutgoingMessage): Promise<void> {
    return this.overflow!.store(message.type, message.envelopes, message);
  }

  private track(work: Promise<void>): void {
    this.storing.add(work);
    void work.finally(() => this.storing.delete(work));
  }

  @Counted(EVENTS_PUBLISHED, {
    labels: ({ args: [type] }: CallOutcome<[string, unknown]>) => ({ type, result: 'invalid' }),
  })
  private refuse(type: string, error: unknown): void {
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

  @Counted(EVENTS_DROPPED, {
    labels: ({ args: [type] }: CallOutcome<[string, number, string]>) => ({ type }),
    amount: ({ args: [, count] }) => count,
  })
  private drop(type: string, count: number, reason: string): void {
    if (this.shouldLog(`dropped:${type}`))
      this.logger.error(`lost ${count} ${type} events: ${reason}`);
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
