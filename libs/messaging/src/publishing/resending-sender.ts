/**
 * Resends: keeps each message until the broker confirms it. A failed attempt (nacked, or no
 * confirm within the sender's timeout) is sent again after RETRY_DELAY_MS with the same envelope
 * ids, so the consumers drop a copy that did arrive. `giveUp` (at shutdown) stops resending and
 * hands back what the broker still has not confirmed, for the spool.
 *
 * A message someone waits for (DurabilityWaiters) has a deadline: unconfirmed by then (the broker
 * down or slow), it leaves for `late` (the spool), and a confirm releases its waiters. A confirm
 * after the deadline still releases them (a copy then reaches the consumers, who drop it).
 */
import { Logger } from '@nestjs/common';
import type { EventMessage } from './event-message';
import type { EventSender } from './event-sender';
import { ThrottledLog } from './throttled-log';

export const RETRY_DELAY_MS = 1_000;

export interface ConfirmDeadline {
  ms: number;
  late: (message: EventMessage) => void;
}

export class ResendingSender {
  private readonly unsettled = new Set<EventMessage>();
  private readonly deadlines = new Map<EventMessage, NodeJS.Timeout>();
  private unconfirmedEvents = 0;
  private stopped = false;
  private readonly log = new ThrottledLog(new Logger('EventPublisher'));

  constructor(
    private readonly sender: Pick<EventSender, 'send'>,
    private readonly deadline?: ConfirmDeadline,
  ) {}

  /** Events sent and not confirmed yet. */
  get unconfirmed(): number {
    return this.unconfirmedEvents;
  }

  send(message: EventMessage): void {
    this.unsettled.add(message);
    this.unconfirmedEvents += message.envelopes.length;
    const deadlineMs = message.waiters && this.deadline?.ms;
    if (deadlineMs) {
      const timer = setTimeout(() => this.expire(message), deadlineMs);
      this.deadlines.set(message, timer);
    }
    this.attempt(message);
  }

  giveUp(): EventMessage[] {
    this.stopped = true;
    for (const timer of this.deadlines.values()) clearTimeout(timer);
    this.deadlines.clear();
    const left = [...this.unsettled];
    this.unsettled.clear();
    this.unconfirmedEvents = 0;
    return left;
  }

  private attempt(message: EventMessage): void {
    if (!this.unsettled.has(message)) return;
    this.sender.send(message).then(
      () => this.settle(message),
      (error: Error) => {
        if (this.stopped || !this.unsettled.has(message)) return;
        const { type, envelopes } = message;
        this.log.warn(
          `failed:${type}`,
          () => `publishing ${envelopes.length} ${type} events failed (${error.message}); retrying`,
        );
        setTimeout(() => this.attempt(message), RETRY_DELAY_MS);
      },
    );
  }

  private settle(message: EventMessage): void {
    this.forget(message);
    message.waiters?.release();
  }

  private expire(message: EventMessage): void {
    if (this.forget(message)) this.deadline?.late(message);
  }

  private forget(message: EventMessage): boolean {
    clearTimeout(this.deadlines.get(message));
    this.deadlines.delete(message);
    if (!this.unsettled.delete(message)) return false;
    this.unconfirmedEvents -= message.envelopes.length;
    return true;
  }
}
