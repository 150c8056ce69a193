/**
 * An outbox row as written: the envelope as JSON (ids included, so a resend is recognised by
 * the consumers), with the request id and W3C `traceparent` of the request it came from.
 */
import type { OutboxEventEntity } from '@beacon/database';
import type { EventEnvelope, EventOrigin } from '@beacon/messaging';
import { propagation } from '@opentelemetry/api';

export type OutboxRow = Pick<OutboxEventEntity, 'type' | 'envelope' | 'requestId' | 'traceparent'>;

export function outboxRow(type: string, envelope: EventEnvelope, origin: EventOrigin): OutboxRow {
  const carrier: { traceparent?: string } = {};
  propagation.inject(origin.context, carrier);
  return {
    type,
    envelope: JSON.stringify(envelope),
    requestId: origin.requestId ?? null,
    traceparent: carrier.traceparent ?? null,
  };
}
