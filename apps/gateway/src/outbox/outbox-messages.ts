/**
 * Turns outbox rows, in `id` order, into broker messages: consecutive rows of one type go
 * together (up to the publisher's MAX_EVENTS_PER_MESSAGE), and a message continues the trace
 * and request of its first row, like the publisher's own batches.
 */
import type { OutboxEventEntity } from '@beacon/database';
import { MAX_EVENTS_PER_MESSAGE, type EventEnvelope, type EventOrigin } from '@beacon/messaging';
import { propagation, ROOT_CONTEXT } from '@opentelemetry/api';

export type StoredOutboxEvent = Pick<
  OutboxEventEntity,
  'id' | 'type' | 'envelope' | 'requestId' | 'traceparent'
>;

export interface OutboxMessage {
  type: string;
  envelopes: EventEnvelope[];
  origin: EventOrigin;
  /** The rows this message carries, deleted once the broker confirms it. */
  rowIds: string[];
}

export function toOutboxMessages(rows: readonly StoredOutboxEvent[]): OutboxMessage[] {
  const messages: OutboxMessage[] = [];
  let current: OutboxMessage | undefined;
  for (const row of rows) {
    if (
      !current ||
      current.type !== row.type ||
      current.envelopes.length >= MAX_EVENTS_PER_MESSAGE
    ) {
      current = { type: row.type, envelopes: [], origin: originOf(row), rowIds: [] };
      messages.push(current);
    }
    current.envelopes.push(JSON.parse(row.envelope) as EventEnvelope);
    current.rowIds.push(row.id);
  }
  return messages;
}

function originOf(row: StoredOutboxEvent): EventOrigin {
  const carrier = row.traceparent ? { traceparent: row.traceparent } : {};
  return {
    context: propagation.extract(ROOT_CONTEXT, carrier),
    requestId: row.requestId ?? undefined,
  };
}
