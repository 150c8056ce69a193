import { MAX_EVENTS_PER_MESSAGE } from '@beacon/messaging';
import { propagation, trace } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toOutboxMessages, type StoredOutboxEvent } from './outbox-messages';

const TRACE_ID = 'a'.repeat(32);
let nextId = 1;

function row(type: string, fields: Partial<StoredOutboxEvent> = {}): StoredOutboxEvent {
  const id = String(nextId++);
  return {
    id,
    type,
    envelope: JSON.stringify({ id: `event-${id}`, type }),
    requestId: null,
    traceparent: null,
    ...fields,
  };
}

describe('toOutboxMessages', () => {
  // What the tracing SDK installs in the apps.
  beforeAll(() => propagation.setGlobalPropagator(new W3CTraceContextPropagator()));
  afterAll(() => propagation.disable());

  it('packs consecutive rows of one type, keeping the order across types', () => {
    const rows = [
      row('link.created'),
      row('link.created'),
      row('link.deleted'),
      row('link.created'),
    ];
    const messages = toOutboxMessages(rows);
    expect(messages.map((message) => [message.type, message.rowIds])).toEqual([
      ['link.created', [rows[0].id, rows[1].id]],
      ['link.deleted', [rows[2].id]],
      ['link.created', [rows[3].id]],
    ]);
    expect(messages[0].envelopes).toEqual([
      { id: `event-${rows[0].id}`, type: 'link.created' },
      { id: `event-${rows[1].id}`, type: 'link.created' },
    ]);
  });

  it('starts a new message past MAX_EVENTS_PER_MESSAGE', () => {
    const rows = Array.from({ length: MAX_EVENTS_PER_MESSAGE + 1 }, () => row('link.visited'));
    expect(toOutboxMessages(rows).map((message) => message.envelopes.length)).toEqual([
      MAX_EVENTS_PER_MESSAGE,
      1,
    ]);
  });

  it("continues the first row's request id and trace context", () => {
    const [message] = toOutboxMessages([
      row('user.registered', {
        requestId: 'request-1234',
        traceparent: `00-${TRACE_ID}-${'b'.repeat(16)}-01`,
      }),
      row('user.registered', { requestId: 'request-5678' }),
    ]);
    expect(message.origin.requestId).toBe('request-1234');
    expect(trace.getSpanContext(message.origin.context)?.traceId).toBe(TRACE_ID);
  });
});
