/**
 * Buffering and packing: events of one routing key wait until there are MAX_EVENTS_PER_MESSAGE
 * of them, or LINGER_MS after the first, and then leave together as one message (validated and
 * wrapped by the packer) for `send`. A message continues the origin of its first event.
 *
 * An event with a waiter (a redirect answering once its visit is durable) does not linger: its
 * batch leaves at the end of the current turn of the event loop, so the concurrent redirects of
 * one turn still share one message and each waits only for its broker round trip.
 */
import { currentRequestId } from '@beacon/observability';
import { context } from '@opentelemetry/api';
import type { EventContract } from '../event-contract';
import { DurabilityWaiters } from './durability-waiters';
import type { EnvelopePacker, PublishOptions, QueuedEvent } from './envelope-packer';
import { MAX_EVENTS_PER_MESSAGE, type EventMessage, type EventOrigin } from './event-message';

export const LINGER_MS = 20;

interface PendingBatch extends EventOrigin {
  events: QueuedEvent[];
  waiters?: DurabilityWaiters;
}

export class EventBatcher {
  private readonly batches = new Map<string, PendingBatch>();
  private lingerTimer: NodeJS.Timeout | undefined;
  private turnEnd: NodeJS.Immediate | undefined;
  private waitingEvents = 0;

  constructor(
    private readonly packer: EnvelopePacker,
    private readonly send: (message: EventMessage) => void,
    /** How long a waiter may wait at most (DurabilityWaiters); the publisher passes its own. */
    private readonly waitCapMs = 2_000,
  ) {}

  /** Events waiting for their message to leave. */
  get waiting(): number {
    return this.waitingEvents;
  }

  add(
    contract: EventContract,
    data: unknown,
    occurredAtMs: number,
    { id, onDurable }: PublishOptions = {},
  ): void {
    const batch = this.batches.get(contract.type) ?? this.startBatch(contract.type);
    batch.events.push({ contract, data, occurredAtMs, id });
    this.waitingEvents++;
    if (onDurable) (batch.waiters ??= new DurabilityWaiters(this.waitCapMs)).add(onDurable);
    if (batch.events.length >= MAX_EVENTS_PER_MESSAGE) this.flush(contract.type);
    else if (onDurable) this.turnEnd ??= setImmediate(() => this.flushAll());
    else this.lingerTimer ??= setTimeout(() => this.flushAll(), LINGER_MS);
  }

  flushAll(): void {
    clearTimeout(this.lingerTimer);
    this.lingerTimer = undefined;
    clearImmediate(this.turnEnd);
    this.turnEnd = undefined;
    for (const type of [...this.batches.keys()]) this.flush(type);
  }

  private startBatch(type: string): PendingBatch {
    const batch = { events: [], context: context.active(), requestId: currentRequestId() };
    this.batches.set(type, batch);
    return batch;
  }

  private flush(type: string): void {
    const batch = this.batches.get(type);
    if (!batch) return;
    this.batches.delete(type);
    this.waitingEvents -= batch.events.length;
    const envelopes = this.packer.pack(type, batch.events);
    if (envelopes.length === 0) return batch.waiters?.release();
    const { requestId, waiters } = batch;
    this.send({ type, envelopes, context: batch.context, requestId, waiters });
  }
}
