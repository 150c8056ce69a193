/**
 * The SQL that every batch store shares: rows inserted once through a unique key (INSERT
 * IGNORE, counting what went in, never a locking read), and rollup counters added with one
 * upsert. Everything is bound parameters; table and column names come from code.
 */
import { isDeadlockError } from '@beacon/database';
import { randomInt } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';

export type Row = (string | number | Date | boolean | null)[];

/** A table whose rows are inserted once: the unique key's columns and how items map to rows. */
export interface KeyedTable<T> {
  name: string;
  columns: string[];
  /** The columns of a unique key of the table. */
  key: string[];
  /** The item's values of `key`, joined with '|', as MySQL's CONCAT_WS('|', key) gives them. */
  keyOf: (item: T) => string;
  rowOf: (item: T) => Row;
}

/** How often a transaction InnoDB chose as a deadlock's victim is run again. */
const DEADLOCK_ATTEMPTS = 3;

/**
 * Runs `work` in a READ COMMITTED transaction (no gap locks on the keys it inserts, so
 * concurrent batches wait on each other only for the rows they share), again if it was a
 * deadlock's victim.
 */
export async function inWriteTransaction<R>(
  dataSource: DataSource,
  work: (manager: EntityManager, batchId: number) => Promise<R>,
): Promise<R> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await dataSource.transaction('READ COMMITTED', (manager) =>
        work(manager, newBatchId()),
      );
    } catch (error) {
      if (attempt >= DEADLOCK_ATTEMPTS || !isDeadlockError(error)) throw error;
    }
  }
}

/** Random, so concurrent transactions (in any worker) tell their own rows apart. */
function newBatchId(): number {
  return randomInt(1, 2 ** 47);
}

/**
 * INSERT IGNORE of the items, marked with `batchId`; resolves to the items that went in. When
 * all or none went in, the count says so; when some were there already (a redelivery, a
 * visitor seen before), the batch reads back which rows carry its own id.
 */
export async function insertNew<T>(
  manager: EntityManager,
  table: KeyedTable<T>,
  items: T[],
  batchId: number,
): Promise<T[]> {
  if (items.length === 0) return [];
  // Sorted by key, so concurrent batches take the keys' locks in one order.
  const byKey = new Map(items.map((item) => [table.keyOf(item), item]));
  const keys = [...byKey.keys()].sort();
  const sorted = keys.map((key) => byKey.get(key)!);
  const columns = [...table.columns, 'batch_id'];
  const result: { affectedRows: number } = await manager.query(
    `INSERT IGNORE INTO ${table.name} (${columns.join(', ')}) VALUES ${tuples(sorted.length, columns.length)}`,
    sorted.flatMap((item) => [...table.rowOf(item), batchId]),
  );
  if (result.affectedRows === sorted.length) return sorted;
  if (result.affectedRows === 0) return [];
  const ours: { k: string }[] = await manager.query(
    `SELECT CONCAT_WS('|', ${table.key.join(', ')}) AS k FROM ${table.name}
     WHERE batch_id = ? AND (${table.key.join(', ')}) IN (${tuples(sorted.length, table.key.length)})`,
    [batchId, ...keys.flatMap((key) => key.split('|'))],
  );
  const ourKeys = new Set(ours.map((row) => row.k));
  return keys.filter((key) => ourKeys.has(key)).map((key) => byKey.get(key)!);
}

/**
 * INSERT ... ON DUPLICATE KEY UPDATE that adds the given counters. Rows are sorted by key so
 * concurrent batches lock rollup rows in the same order.
 */
export async function upsertAdding(
  manager: EntityManager,
  table: string,
  columns: string[],
  rows: Row[],
  counters: string[],
): Promise<void> {
  if (rows.length === 0) return;
  const sorted = rows
    .map((row) => ({ row, key: row.join('\u0000') }))
    .sort((a, b) => compare(a.key, b.key))
    .map(({ row }) => row);
  const updates = counters.map((column) => `${column} = ${column} + VALUES(${column})`).join(', ');
  await manager.query(
    `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples(sorted.length, columns.length)}
     ON DUPLICATE KEY UPDATE ${updates}`,
    sorted.flat(),
  );
}

/** How many items share each combination of `parts`, as rows: the parts, then the count. */
export function countRows<T>(items: T[], parts: (item: T) => string[]): Row[] {
  const counts = new Map<string, number>();
  for (const item of items) {
    const key = parts(item).join('\u0000');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].map(([key, count]) => [...key.split('\u0000'), count]);
}

function compare(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

function tuples(count: number, width: number): string {
  const tuple = `(${Array.from({ length: width }, () => '?').join(', ')})`;
  return Array.from({ length: count }, () => tuple).join(', ');
}
