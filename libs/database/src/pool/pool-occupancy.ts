/**
 * How many of a mysql2 pool's connections are idle and in use, and how many callers wait for
 * one. mysql2 (3.24) has no public API for this, so it reads the pool's own queues; this is the
 * one place in Beacon that touches them, so an upgrade that renames them breaks here only (and
 * test/database-pools.e2e-spec.ts, which reads them through `/metrics`, says so).
 */
import type { Pool } from 'mysql2';

export interface PoolOccupancy {
  /** Open connections no one holds. */
  idle: number;
  /** Connections held by a query or a transaction, or still opening. */
  inUse: number;
  /** Callers queued for a connection, the pool being full. */
  waiting: number;
}

/** The private queues of mysql2's BasePool (lib/base/pool.js), each a ring queue. */
interface PoolQueues {
  _allConnections: { length: number };
  _freeConnections: { length: number };
  _connectionQueue: { length: number };
}

export function poolOccupancy(pool: Pool): PoolOccupancy {
  const queues = pool as unknown as PoolQueues;
  const idle = queues._freeConnections.length;
  return {
    idle,
    inUse: queues._allConnections.length - idle,
    waiting: queues._connectionQueue.length,
  };
}
