/**
 * The outbox spool's own connections to MySQL, apart from the app's pool: spilled inserts in
 * the shared pool queued in front of the redirect's lookups, which then outwaited
 * DB_BREAKER_TIMEOUT_MS and opened the `mysql` breaker (503s; test/overload.e2e-spec.ts).
 * Its size is the spiller's stores in flight and one, so a spill never waits for a connection.
 */
import { InjectConfig, type BeaconConfig } from '@beacon/config';
import { MAX_STORES_IN_FLIGHT } from '@beacon/messaging';
import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { createPool, type Pool } from 'mysql2/promise';
import type { Statement } from './outbox-inserts';

/** A port, so the spool's unit tests need no database. */
export abstract class SpoolDatabase {
  abstract query<T>(sql: string, params?: unknown[]): Promise<T>;
  /** Runs the statements all or none: one alone as it is, several in one transaction. */
  abstract insert(statements: readonly Statement[]): Promise<void>;
}

/** Below the server's idle timeouts, like the app's pool (data-source-options.ts). */
const IDLE_TIMEOUT_MS = 60_000;

@Injectable()
export class MysqlSpoolDatabase extends SpoolDatabase implements OnApplicationShutdown {
  private readonly pool: Pool;

  constructor(@InjectConfig() { database }: BeaconConfig) {
    super();
    this.pool = createPool({
      host: database.host,
      port: database.port,
      user: database.user,
      password: database.password,
      database: database.name,
      // One more for SpoolCapacity's refresh, which must not wait behind the stores.
      connectionLimit: MAX_STORES_IN_FLIGHT + 1,
      charset: 'utf8mb4_unicode_ci',
      supportBigNumbers: true,
      enableKeepAlive: true,
      idleTimeout: IDLE_TIMEOUT_MS,
    });
  }

  async query<T>(sql: string, params: unknown[] = []): Promise<T> {
    const [result] = await this.pool.query(sql, params);
    return result as T;
  }

  async insert(statements: readonly Statement[]): Promise<void> {
    if (statements.length === 1)
      return void (await this.query(statements[0].sql, statements[0].values));
    const connection = await this.pool.getConnection();
    try {
      await connection.beginTransaction();
      for (const { sql, values } of statements) await connection.query(sql, values);
      await connection.commit();
    } catch (error) {
      await connection.rollback().catch(() => undefined);
      throw error;
    } finally {
      connection.release();
    }
  }

  /** After the publisher's own shutdown hook has stored what it still held. */
  async onApplicationShutdown(): Promise<void> {
    await this.pool.end();
  }
}
