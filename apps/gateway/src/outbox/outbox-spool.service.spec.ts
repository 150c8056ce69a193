import { BEACON_CONFIG, loadConfig } from '@beacon/config';
import { EventOverflowFullError, type EventEnvelope, type EventMessage } from '@beacon/messaging';
import { OUTBOX_CAPACITY } from '@beacon/observability';
import { Test } from '@nestjs/testing';
import { propagation, ROOT_CONTEXT, trace } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { register } from 'prom-client';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Statement } from './outbox-inserts';
import { OUTBOX_SIZE_SQL } from './outbox-size';
import { OutboxSpool } from './outbox-spool.service';
import { SpoolDatabase } from './spool-database';

/** Answers the size query with `size`, and records the inserts. */
class FakeDatabase extends SpoolDatabase {
  size = 0;
  readonly inserts: Statement[][] = [];

  async query<T>(sql: string): Promise<T> {
    expect(sql).toBe(OUTBOX_SIZE_SQL);
    return [{ size: String(this.size) }] as T;
  }

  async insert(statements: readonly Statement[]): Promise<void> {
    this.inserts.push([...statements]);
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

  /** As the app starts it: the size is read at bootstrap. */
  const boot = () => spool.onApplicationBootstrap();

  it('stores the envelopes of every message with one INSERT, in order, with their origin', async () => {
    await spool.store([
      message('link.visited', ['e-1', 'e-2'], 'request-1'),
      message('product.viewed', ['e-3']),
    ]);
    expect(database.inserts).toHaveLength(1);
    const [[{ sql, values }]] = database.inserts;
    expect(sql).toBe(
      'INSERT INTO outbox (type, envelope, request_id, traceparent) VALUES ' +
        '(?, ?, ?, ?), (?, ?, ?, ?), (?, ?, ?, ?)',
    );
    expect(values).toEqual([
      ...['link.visited', '{"id":"e-1"}', 'request-1', TRACEPARENT],
      ...['link.visited', '{"id":"e-2"}', 'request-1', TRACEPARENT],
      ...['product.viewed', '{"id":"e-3"}', null, TRACEPARENT],
    ]);
  });

  it('refuses, storing nothing, what would take the outbox past OUTBOX_MAX_EVENTS', async () => {
    database.size = MAX_EVENTS - 3;
    await boot();
    await spool.store([message('link.visited', ['e-1', 'e-2'])]);
    await expect(spool.store([message('link.visited', ['e-3', 'e-4'])])).rejects.toThrow(
      EventOverflowFullError,
    );
    expect(database.inserts).toHaveLength(1);
  });

  it('exports its capacity', async () => {
    const gauge = register.getSingleMetric(OUTBOX_CAPACITY.name);
    expect((await gauge!.get()).values[0].value).toBe(MAX_EVENTS);
  });
});
