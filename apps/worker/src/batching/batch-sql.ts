/**
 * The SQL that every batch store shares: idempotency on event ids, and rollup counters added
 * with one upsert. Everything is bound parameters; table and column names come from code.
 */
import type { EntityManager } from 'typeorm';

export type Row = (string | number | Date | boolean | null)[];

/** The items whose event id is not in `table` yet; a locking read, so two workers serialise. */
export async function withoutStoredEvents<T extends { eventId: string }>(
  manager: EntityManager,
  table: string,
  items: T[],
): Promise<T[]> {
  const unique = uniqueBy(items, (item) => item.eventId);
  const ids = unique.map((item) => item.eventId);
  const stored: { event_id: string }[] = await manager.query(
    `SELECT event_id FROM ${table} WHERE event_id IN (${placeholders(ids.length)}) FOR UPDATE`,
    ids,
  );
  const storedIds = new Set(stored.map((row) => row.event_id));
  return unique.filter((item) => !storedIds.has(item.eventId));
}

/**
 * One multi-row INSERT with bound parameters. Raw SQL rather than TypeORM's insert builder,
 * whose parameter handling cost the worker more CPU than the rest of a visit (a profile of
 * `npm run bench:pipeline`, docs/benchmarks.md).
 */
export async function insertRows(
  manager: EntityManager,
  table: string,
  columns: string[],
  rows: Row[],
): Promise<void> {
  await manager.query(
    `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${rows
      .map(() => `(${placeholders(columns.length)})`)
      .join(', ')}`,
    rows.flat(),
  );
}

/**
 * INSERT ... ON DUPLICATE KEY UPDATE that adds the given counters. Rows are sorted by key so
 * concurrent batches lock rollup rows in the same order (fewer deadlocks).
 */
export async function upsertAdding(
  manager: EntityManager,
  table: string,
  columns: string[],
  rows: Row[],
  counters: string[],
): Promise<void> {
  const sorted = [...rows].sort((a, b) => String(a).localeCompare(String(b)));
  const updates = counters.map((column) => `${column} = ${column} + VALUES(${column})`).join(', ');
  await manager.query(
    `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${sorted
      .map(() => `(${placeholders(columns.length)})`)
      .join(', ')} ON DUPLICATE KEY UPDATE ${updates}`,
    sorted.flat(),
  );
}

export function placeholders(count: number): string {
  return Array.from({ length: count }, () => '?').join(', ');
}

export function uniqueBy<T>(items: T[], key: (item: T) => string): T[] {
  return [...new Map(items.map((item) => [key(item), item])).values()];
}

export function countBy<T>(items: T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}
