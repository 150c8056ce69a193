/**
 * DB_POOL_MAX_LIFETIME_MS, which mysql2 has no option for: a connection older than the
 * lifetime is closed when it is released instead of going back to the pool, which opens a
 * fresh one when it next needs one (a caller waiting for a connection gets the fresh one).
 * Retiring connections lets a pool follow a failover or a DNS change behind DB_HOST, and
 * spreads connections again after a load balancer in front of MySQL changed its members.
 */
import type { Pool, PoolConnection } from 'mysql2';

/** 0: connections live as long as they work. */
export function retireAgedConnections(pool: Pool, maxLifetimeMs: number): void {
  if (maxLifetimeMs === 0) return;
  pool.on('connection', (connection: PoolConnection) => {
    const openedAt = Date.now();
    const release = connection.release.bind(connection);
    // destroy() takes the connection out of the pool and hands a waiting caller a new one.
    connection.release = () =>
      Date.now() - openedAt >= maxLifetimeMs ? connection.destroy() : release();
  });
}
