import { loadDatabaseConfig } from '@beacon/config';
import { createDataSource } from '@beacon/database';
import { createConnection } from 'mysql2/promise';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp } from './support/accounts';
import { startBeacon, type BeaconHarness } from './support/beacon-harness';
import { eventually } from './support/eventually';
import { request } from './support/http-client';
import { createLink } from './support/links';
import { parseMetrics, valueOf } from './support/metrics-text';

describe('MySQL pools', () => {
  let beacon: BeaconHarness;
  beforeAll(async () => {
    // Its own process, so /metrics shows the gateway's pool alone.
    beacon = await startBeacon({ processes: {}, env: { DB_POOL_SIZE: '2' } });
  });
  afterAll(() => beacon?.stop());

  /** The primary pool's connections by state, as the gateway's /metrics shows them now. */
  async function primaryPool() {
    const samples = parseMetrics(await (await fetch(`${beacon.gatewayUrl}/metrics`)).text());
    const state = (name: string) =>
      valueOf(samples, 'db_pool_connections', { pool: 'primary', state: name });
    return { idle: state('idle'), inUse: state('in_use'), waiting: state('waiting') };
  }

  it('opens at most DB_POOL_SIZE connections and queues the other queries, as db_pool_connections shows', async () => {
    const owner = await signUp(beacon.gatewayUrl);
    await createLink(beacon.gatewayUrl, owner, `pooled-${Date.now()}`);
    const { host, port, user, password, name } = beacon.config.database;
    const locker = await createConnection({ host, port, user, password, database: name });
    try {
      // Every read of links now waits for the lock, holding its connection.
      await locker.query('LOCK TABLES links WRITE');
      const listings = Array.from({ length: 6 }, () =>
        request(`${beacon.gatewayUrl}/api/links`, { headers: owner }),
      );
      await eventually(async () => {
        expect(await primaryPool()).toMatchObject({ idle: 0, inUse: 2 });
        expect((await primaryPool()).waiting).toBeGreaterThan(0);
      });
      await locker.query('UNLOCK TABLES');
      expect((await Promise.all(listings)).map(({ status }) => status)).toEqual(Array(6).fill(200));
    } finally {
      await locker.end();
    }
    await eventually(async () => {
      const pool = await primaryPool();
      expect(pool.idle + pool.inUse).toBeLessThanOrEqual(2);
      expect(pool.idle).toBeGreaterThanOrEqual(1);
      expect(pool.waiting).toBe(0);
    });
  });

  describe('DB_POOL_MAX_LIFETIME_MS', () => {
    const opened: DataSource[] = [];
    afterAll(() => Promise.all(opened.map((dataSource) => dataSource.destroy())));

    async function pool(maxLifetimeMs: string): Promise<DataSource> {
      const database = loadDatabaseConfig({
        ...process.env,
        DB_NAME: beacon.config.database.name,
        DB_POOL_MAX_LIFETIME_MS: maxLifetimeMs,
      });
      const dataSource = await createDataSource(database).initialize();
      opened.push(dataSource);
      return dataSource;
    }

    const connectionId = async (dataSource: DataSource): Promise<number> =>
      Number((await dataSource.query('SELECT CONNECTION_ID() AS id'))[0].id);

    const isOpen = async (id: number) =>
      (await beacon.sql('SELECT ID FROM information_schema.PROCESSLIST WHERE ID = ?', [id]))
        .length > 0;

    it('closes a connection older than the lifetime and goes on with a new one; 0 keeps it', async () => {
      const aging = await pool('1000');
      const lasting = await pool('0');
      const [agingFirst, lastingFirst] = [await connectionId(aging), await connectionId(lasting)];

      await eventually(async () => expect(await connectionId(aging)).not.toBe(agingFirst), {
        timeoutMs: 10_000,
        intervalMs: 200,
      });
      await eventually(async () =>
        expect(await isOpen(agingFirst), 'the retired connection is closed').toBe(false),
      );
      expect(await connectionId(lasting)).toBe(lastingFirst);
      expect(await isOpen(lastingFirst)).toBe(true);
    });
  });
});
