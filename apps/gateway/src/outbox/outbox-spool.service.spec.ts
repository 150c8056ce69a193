import { BEACON_CONFIG, loadConfig } from '@beacon/config';
import { EventOverflowFullError, type EventEnvelope, type EventMessage } from '@beacon/messaging';
import { OUTBOX_CAPACITY } from '@beacon/observability';
import { Test } from '@nestjs/testing';
import { propagation, ROOT_CONTEXT, trace } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { register } from 'prom-client';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { OUTBOX_SIZE_SQL } from './outbox-size';
import { OutboxSpool } from './outbox-spool.service';
import { SpoolDatabase } from './spool-database';

/** Answers the size query with `size`, and records every other statement. */
class FakeDatabase extends SpoolDatabase {
  size = 0;
  readonly statements: { sql: string; params: unknown[] }[] = [];

  async query<T>(sql: string, params: unknown[] = []): Promise<T> {
    if (sql === OUTBOX_SIZE_SQL) return [{ size: String(this.size) }] as T;
    this.statements.push({ sql, params });
    return {} as T;
  }
}

const MAX_EVENTS = 1_000;
const TRACEPARENT = `00-${'a'.repeat(32)}-${'b'.repeat(16)}-01`;

function message(type: string, ids: string[], requestId?: string): EventMessage {
  const context = trace.setSpanContext(ROOT_CONTEXT, {
    traceId: 'a'.repeat(32),
    spanId: 'b'.repeat(16),
    traceFlags: 1,
  });
  return { type, envelopes: ids.map((id) => ({ id }) as EventEnvelope), context, requestId };
}

describe('OutboxSpool', () => {
  let database: FakeDatabase;
  let spool: OutboxSpool;
  // What the tracing SDK installs in the apps.
  beforeAll(() => propagation.setGlobalPropagator(new W3CTraceContextPropagator()));
  afterAll(() => propagation.disable());
  beforeEach(async () => {
    database = new FakeDatabase();
    const module = await Test.createTestingModule({
      providers: [
        OutboxSpool,
        { provide: SpoolDatabase, useValue: database },
        {
          provide: BEACON_CONFIG,
          useValue: loadConfig('gateway', {
            JWT_SECRET: 'unit',
            OUTBOX_MAX_EVENTS: String(MAX_EVENTS),
          }),
        },
      ],
    }).compile();
    spool = module.get(OutboxSpool);
  });

  it('stores the envelopes of every message with one INSERT, in order, with their origin', async () => {
    await spool.store([
      message('link.visited', ['e-1', 'e-2'], 'request-1'),
      message('product.viewed', ['e-3']),
    ]);
    expect(database.statements).toHaveLength(1);
    const [{ sql, params }] = database.statements;
    expect(sql).toBe(
      'INSERT INTO outbox (type, envelope, request_id, traceparent) VALUES ' +
        '(?, ?, ?, ?), (?, ?, ?, ?), (?, ?, ?, ?)',
    );
    expect(params).toEqual([
      ...['link.visited', '{"id":"e-1"}', 'request-1', TRACEPARENT],
      ...['link.visited', '{"id":"e-2"}', 'request-1', TRACEPARENT],
      ...['product.viewed', '{"id":"e-3"}', null, TRACEPARENT],
    ]);
  });

  it('refuses, storing nothing, what would take the outbox past OUTBOX_MAX_EVENTS', async () => {
    database.size = MAX_EVENTS - 1;
    await expect(spool.store([message('link.visited', ['e-1', 'e-2'])])).rejects.toThrow(
      EventOverflowFullError,
    );
    expect(database.statements).toHaveLength(0);
    await spool.store([message('link.visited', ['e-1'])]);
    expect(database.statements).toHaveLength(1);
  });

  it('exports its capacity', async () => {
    const gauge = register.getSingleMetric(OUTBOX_CAPACITY.name);
    expect((await gauge!.get()).values[0].value).toBe(MAX_EVENTS);
  });
});
