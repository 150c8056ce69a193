/** `db_pool_connections{pool,state}`: a pool's occupancy, read at each scrape. */
import { DB_POOL_CONNECTIONS, sampleAtScrape } from '@beacon/observability';
import type { Pool } from 'mysql2';
import { poolOccupancy } from './pool-occupancy';

/** Reports `pool` under the label `name` until the returned function is called. */
export function reportPoolConnections(name: string, pool: Pool): () => void {
  return sampleAtScrape(DB_POOL_CONNECTIONS, () => {
    const { idle, inUse, waiting } = poolOccupancy(pool);
    return [
      { labels: { pool: name, state: 'idle' }, value: idle },
      { labels: { pool: name, state: 'in_use' }, value: inUse },
      { labels: { pool: name, state: 'waiting' }, value: waiting },
    ];
  });
}
