/**
 * Where the publisher puts events the broker cannot take in time: the gateway's transactional
 * outbox, whose relay sends them once the broker is back. An interface here, so libs/messaging
 * knows nothing of the database.
 */
import type { Context } from '@opentelemetry/api';
import type { EventEnvelope } from './event-contract';

/** The request an event came from: its message continues that trace and request id. */
export interface EventOrigin {
  context: Context;
  requestId: string | undefined;
}

export interface EventOverflow {
  /** Stores envelopes of one type durably; rejects when it cannot. */
  store(type: string, envelopes: EventEnvelope[], origin: EventOrigin): Promise<void>;
}
