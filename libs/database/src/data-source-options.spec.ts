import { loadDatabaseConfig } from '@beacon/config';
import { describe, expect, it } from 'vitest';
import { createDataSourceOptions, createReplicaDataSourceOptions } from './data-source-options';

const database = loadDatabaseConfig({
  DB_POOL_SIZE: '4',
  DB_POOL_IDLE_TIMEOUT_MS: '20000',
  DB_CONNECT_TIMEOUT_MS: '3000',
});

describe('createDataSourceOptions', () => {
  it("gives mysql2 the pool's size, timeouts, and one idle connection fewer than its size", () => {
    expect(createDataSourceOptions(database)).toMatchObject({
      poolSize: 4,
      connectTimeout: 3_000,
      extra: { enableKeepAlive: true, idleTimeout: 20_000, maxIdle: 3 },
    });
  });

  it('connects to a replica within 1 s, or DB_CONNECT_TIMEOUT_MS if that is shorter', () => {
    const replica = { ...database, host: 'replica-1' };
    expect(createReplicaDataSourceOptions(replica)).toMatchObject({
      poolSize: 4,
      connectTimeout: 1_000,
      migrations: [],
    });
    const quick = { ...replica, pool: { ...replica.pool, connectTimeoutMs: 400 } };
    expect(createReplicaDataSourceOptions(quick).connectTimeout).toBe(400);
  });
});
