/**
 * What the publisher's parts hand each other: one broker message's worth of envelopes of one
 * routing key, with the request it came from.
 */
import type { Context } from '@opentelemetry/api';
import type { EventEnvelope } from '../event-contract';
import type { DurabilityWaiters } from './durability-waiters';

/** The request an event came from: its message continues that trace and request id. */
export interface EventOrigin {
  context: Context;
  requestId: string | undefined;
}

export interface EventMessage extends EventOrigin {
  type: string;
  envelopes: EventEnvelope[];
  /** Callers waiting for these events to be durable; none for buffered events. */
  waiters?: DurabilityWaiters;
}

/** Events per message: a message per event would cost the broker more than the redirect. */
export const MAX_EVENTS_PER_MESSAGE = 100;
