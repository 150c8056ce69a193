/**
 * Spilling: events the publish buffer has no room for go to the overflow (the gateway's outbox
 * spool) instead, and so do the messages still unconfirmed at shutdown. The spool must keep up
 * with the redirects, so spilled messages are coalesced: at most MAX_STORES_IN_FLIGHT stores
 * run at once, and each takes everything waiting, up to MAX_EVENTS_PER_STORE events (one
 * multi-row INSERT). Under overload every round trip waits for the event loop (0.5-1 s with
 * 10,000 connections, 6 s while they connect), so the events per round trip set the rate:
 * 2 stores of 1,000 lost two thirds of the visits there, 4 of 2,000 a few (docs/benchmarks.md).
 *
 * Memory stays bounded: at most `limit` events (EVENT_SPILL_LIMIT) are held on their way to the
 * spool, waiting or being stored; past it, and when the spool is full, events are lost, counted
 * and logged (EventLoss). A store that fails otherwise (the database away) is tried again after
 * RETRY_DELAY_MS, holding its events meanwhile; at shutdown it is not.
 *
 * Waiters (VISIT_DELIVERY=confirmed) are released once their message is stored, and also when
 * it is lost or its store fails: the redirect answers then, its visit still held for a retry.
 */
import { Counted, EVENTS_PUBLISHED, type CallOutcome } from '@beacon/observability';
import { Logger } from '@nestjs/common';
import type { EventContract } from '../event-contract';
import type { EnvelopePacker, PublishOptions } from './envelope-packer';
import { EventBatcher } from './event-batcher';
import type { EventLoss } from './event-loss';
import type { EventMessage } from './event-message';
import { EventOverflowFullError, type EventOverflow } from './event-overflow';
import { SpillQueue } from './spill-queue';
import { ThrottledLog } from './throttled-log';

export const MAX_EVENTS_PER_STORE = 2_000;
export const MAX_STORES_IN_FLIGHT = 4;
export const RETRY_DELAY_MS = 1_000;

export class EventSpiller {
  private readonly batcher: EventBatcher;
  private readonly queue = new SpillQueue();
  private readonly log = new ThrottledLog(new Logger('EventPublisher'));
  private readonly storing = new Set<Promise<void>>();
  private storingEvents = 0;
  private retryTimer: NodeJS.Timeout | undefined;
  /** Why the last store failed, while stores fail: losses say so. */
  private failure: string | undefined;
  private stopped = false;

  constructor(
    private readonly overflow: EventOverflow | undefined,
    packer: EnvelopePacker,
    private readonly loss: EventLoss,
    private readonly limit: number,
    waitCapMs?: number,
  ) {
    this.batcher = new EventBatcher(packer, (message) => this.enqueue(message), waitCapMs);
  }

  get hasOverflow(): boolean {
    return this.overflow !== undefined;
  }

  /** Events held in memory on their way to the spool. */
  get held(): number {
    return this.batcher.waiting + this.queue.events + this.storingEvents;
  }

  add(
    contract: EventContract,
    data: unknown,
    occurredAtMs: number,
    options: PublishOptions = {},
  ): void {
    const type = contract.type;
    const lost = this.refusal();
    if (lost !== undefined) {
      this.loss.count(type, 1, lost);
      return options.onDurable?.();
    }
    this.log.warn(`spilling:${type}`, () => `publish buffer full: spilling ${type} into the spool`);
    this.batcher.add(contract, data, occurredAtMs, options);
  }

  /**
   * Messages the broker did not confirm in time (at shutdown, or waited for past their deadline),
   * or that someone waits for while the broker is away: a late confirm makes a copy.
   */
  keep(messages: readonly EventMessage[]): void {
    for (const message of messages) {
      if (this.overflow) this.enqueue(message);
      else this.lose([message], 'unconfirmed at shutdown');
    }
  }

  /** At shutdown: stores what is held, once more, without further retries. */
  async drain(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.batcher.flushAll();
    this.pump();
    while (this.storing.size > 0) await Promise.all(this.storing);
  }

  private enqueue(message: EventMessage): void {
    this.queue.push(message);
    this.pump();
  }

  private pump(): void {
    if (this.retryTimer) return;
    while (this.storing.size < MAX_STORES_IN_FLIGHT && this.queue.events > 0) {
      this.startStore(this.queue.take(MAX_EVENTS_PER_STORE));
    }
  }

  private startStore(messages: EventMessage[]): void {
    for (const message of messages) this.storingEvents += message.envelopes.length;
    const work = this.overflow!.store(messages)
      .then(
        () => this.stored(messages),
        (error: unknown) => this.failed(messages, error),
      )
      .finally(() => {
        this.storing.delete(work);
        this.pump();
      });
    this.storing.add(work);
  }

  private stored(messages: EventMessage[]): void {
    this.failure = undefined;
    for (const message of messages) this.release(message, true);
  }

  private failed(messages: EventMessage[], error: unknown): void {
    for (const message of messages) this.release(message, false);
    if (error instanceof EventOverflowFullError) return this.lose(messages, error.message);
    if (this.stopped) return this.lose(messages, `the spool failed at shutdown: ${String(error)}`);
    this.failure = String(error);
    this.log.warn('spool-failed', () => `spilling failed (${this.failure}); retrying`);
    this.queue.putBack(messages);
    this.retryTimer ??= setTimeout(() => {
      this.retryTimer = undefined;
      this.pump();
    }, RETRY_DELAY_MS);
  }

  private lose(messages: readonly EventMessage[], reason: string): void {
    for (const { type, envelopes, waiters } of messages) {
      this.loss.count(type, envelopes.length, reason);
      waiters?.release();
    }
  }

  /** A message's events leave the store in progress: kept by the spool, or not. */
  @Counted(EVENTS_PUBLISHED, {
    labels: ({ args: [message, kept] }: CallOutcome<[EventMessage, boolean]>) =>
      kept ? { type: message.type, result: 'spilled' } : null,
    amount: ({ args: [message] }) => message.envelopes.length,
  })
  private release(message: EventMessage, _kept: boolean): void {
    this.storingEvents -= message.envelopes.length;
    message.waiters?.release();
  }

  /** Why a new event cannot be spilled, if it cannot. */
  private refusal(): string | undefined {
    if (!this.overflow) return 'the publish buffer is full, no spool';
    if (this.held >= this.limit) return this.behindReason();
    return undefined;
  }

  private behindReason(): string {
    const why = this.failure ? `it fails (${this.failure})` : 'it cannot keep up';
    return `${this.limit} events are waiting for the spool: ${why}`;
  }
}
