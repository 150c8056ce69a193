/**
 * At most one outbox relay across the gateway replicas: the one whose database connection holds
 * a MySQL named lock (GET_LOCK). The lock lives exactly as long as that connection, so a replica
 * that dies or loses its database hands the relay over by itself; before each round the holder
 * checks, on that same connection, that the lock is still its own.
 */
import type { DataSource, QueryRunner } from 'typeorm';

/** MySQL and MariaDB refuse lock names longer than this. */
const MAX_LOCK_NAME_LENGTH = 64;

export class RelayLeadership {
  private readonly lockName: string;
  /** The connection holding the lock, while it does. */
  private holder: QueryRunner | undefined;

  constructor(
    private readonly dataSource: DataSource,
    databaseName: string,
  ) {
    this.lockName = `beacon-outbox-relay:${databaseName}`.slice(0, MAX_LOCK_NAME_LENGTH);
  }

  /** Whether this replica relays now: keeps the lock, or takes it if no one holds it. */
  async hold(): Promise<boolean> {
    if (this.holder && (await this.stillHeldBy(this.holder))) return true;
    await this.release();
    return this.acquire();
  }

  async release(): Promise<void> {
    const holder = this.holder;
    this.holder = undefined;
    if (!holder) return;
    // The connection goes back to the pool, so the lock must not go with it.
    await holder.query('DO RELEASE_LOCK(?)', [this.lockName]).catch(() => undefined);
    await holder.release().catch(() => undefined);
  }

  private async acquire(): Promise<boolean> {
    const runner = this.dataSource.createQueryRunner();
    try {
      const [row] = await runner.query('SELECT GET_LOCK(?, 0) AS acquired', [this.lockName]);
      if (Number(row.acquired) === 1) {
        this.holder = runner;
        return true;
      }
    } catch (error) {
      await runner.release().catch(() => undefined);
      throw error;
    }
    await runner.release();
    return false;
  }

  private async stillHeldBy(runner: QueryRunner): Promise<boolean> {
    try {
      const [row] = await runner.query('SELECT IS_USED_LOCK(?) = CONNECTION_ID() AS held', [
        this.lockName,
      ]);
      return Number(row.held) === 1;
    } catch {
      return false; // the connection is gone, and the lock with it
    }
  }
}
