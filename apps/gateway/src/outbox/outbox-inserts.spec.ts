import { describe, expect, it } from 'vitest';
import { outboxInserts } from './outbox-inserts';
import type { OutboxRow } from './outbox-row';

const row = (envelope: string): OutboxRow => ({
  type: 'link.visited',
  envelope,
  requestId: null,
  traceparent: null,
});

describe('outboxInserts', () => {
  it('writes the rows as one multi-row INSERT, in order', () => {
    const [statement, ...more] = outboxInserts([row('{"id":"a"}'), row('{"id":"b"}')]);
    expect(more).toEqual([]);
    expect(statement.sql).toBe(
      'INSERT INTO outbox (type, envelope, request_id, traceparent) VALUES (?, ?, ?, ?), (?, ?, ?, ?)',
    );
    expect(statement.values).toEqual([
      ...['link.visited', '{"id":"a"}', null, null],
      ...['link.visited', '{"id":"b"}', null, null],
    ]);
  });

  it('starts another statement before one would grow past the size given', () => {
    const rows = ['a', 'b', 'c'].map((id) => row(`{"id":"${id}","pad":"${'x'.repeat(100)}"}`));
    const statements = outboxInserts(rows, 400);
    expect(statements.map((statement) => statement.values.length / 4)).toEqual([2, 1]);
    expect(statements[1].values[1]).toBe(rows[2].envelope);
  });

  it('writes a row larger than the size alone rather than not at all', () => {
    expect(outboxInserts([row('x'.repeat(500))], 100)).toHaveLength(1);
  });
});
