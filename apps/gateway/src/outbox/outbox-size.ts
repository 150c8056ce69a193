/**
 * How many rows the outbox holds, estimated from the ends of its primary key: two index dives,
 * where COUNT(*) reads every row (seconds at a million rows, on every relay round). The relay
 * deletes rows in `id` order, so the estimate is exact but for gaps (a rolled-back write), and
 * then too high, never too low: a bound checked against it holds.
 */
export const OUTBOX_SIZE_SQL = 'SELECT COALESCE(MAX(id) - MIN(id) + 1, 0) AS size FROM outbox';

export function outboxSizeOf(rows: readonly { size: string | number }[]): number {
  return Number(rows[0]?.size ?? 0);
}
