/**
 * Where the publisher puts events the broker cannot take in time: a durable spool whose owner
 * sends them later (the gateway's outbox). An abstract class, so it is its own DI token and
 * libs/messaging knows nothing of the database; optional, since the worker has none.
 */
import type { EventMessage } from './event-message';

export abstract class EventOverflow {
  /**
   * Stores the messages' envelopes durably, in this order, or none of them: rejects with
   * EventOverflowFullError when the spool holds its maximum, with any other error when it
   * cannot store now.
   */
  abstract store(messages: readonly EventMessage[]): Promise<void>;
}

export class EventOverflowFullError extends Error {
  constructor(readonly capacity: number) {
    super(`the spool holds its maximum of ${capacity} events`);
  }
}
