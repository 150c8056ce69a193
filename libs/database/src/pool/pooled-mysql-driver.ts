/**
 * The driver TypeORM is given (its `driver` option) instead of loading mysql2 itself: mysql2,
 * but each pool it creates retires aged connections (DB_POOL_MAX_LIFETIME_MS) and reports its
 * connections in `db_pool_connections` under `poolName` until it is ended. TypeORM's mysql
 * driver calls only `createPool` (and `createPoolCluster` for its `replication` option, which
 * Beacon does not use: its replicas are DataSources of their own).
 */
import { createPool, type Pool, type PoolOptions } from 'mysql2';
import { retireAgedConnections } from './connection-lifetime';
import { reportPoolConnections } from './pool-connections.metric';

export interface PooledMysqlDriver {
  createPool(options: PoolOptions): Pool;
}

export function pooledMysqlDriver(poolName: string, maxLifetimeMs: number): PooledMysqlDriver {
  return {
    createPool(options) {
      const pool = createPool(options);
      retireAgedConnections(pool, maxLifetimeMs);
      const stopReporting = reportPoolConnections(poolName, pool);
      const end = pool.end.bind(pool);
      pool.end = (callback) => {
        stopReporting();
        end(callback);
      };
      return pool;
    },
  };
}
