/**
 * The multi-row INSERTs that store outbox rows: as few statements as fit, each at most
 * MAX_STATEMENT_BYTES of values, a quarter of MySQL's and MariaDB's default
 * max_allowed_packet (16 MB in MariaDB, 64 MB in MySQL 8): 1,000 typical visits are 0.6 MB,
 * but a visit may carry 3 KB of referrer and user agent.
 */
import type { OutboxRow } from './outbox-row';

export const MAX_STATEMENT_BYTES = 4 * 1024 * 1024;

export interface Statement {
  sql: string;
  values: (string | null)[];
}

const PREFIX = 'INSERT INTO outbox (type, envelope, request_id, traceparent) VALUES ';
const ROW = '(?, ?, ?, ?)';

export function outboxInserts(rows: readonly OutboxRow[], maxBytes = MAX_STATEMENT_BYTES) {
  const statements: Statement[] = [];
  let values: (string | null)[] = [];
  let bytes = 0;
  for (const { type, envelope, requestId, traceparent } of rows) {
    const rowBytes = type.length + envelope.length + (requestId?.length ?? 0) + 64;
    if (values.length > 0 && bytes + rowBytes > maxBytes) {
      statements.push(statement(values));
      values = [];
      bytes = 0;
    }
    values.push(type, envelope, requestId, traceparent);
    bytes += rowBytes;
  }
  if (values.length > 0) statements.push(statement(values));
  return statements;
}

function statement(values: (string | null)[]): Statement {
  const rows = values.length / 4;
  return { sql: PREFIX + `${ROW}, `.repeat(rows - 1) + ROW, values };
}
