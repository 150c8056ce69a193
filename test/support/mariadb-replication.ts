/**
 * A MariaDB primary (binary log on) and a replica following it by GTID, both the test's own,
 * in a temporary folder removed by `stop()`, which also kills both servers. The suite controls
 * replication as an operator would: stop it (or only its SQL thread), delay it, wait for it.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MariaDbServer } from './mariadb-server';

const REPLICATION_USER = 'repl';
const REPLICATION_PASSWORD = 'repl-password';
const CATCH_UP_TIMEOUT_S = 30;

interface ReplicaStatus {
  Slave_IO_Running: string;
  Slave_SQL_Running: string;
  Seconds_Behind_Master: number | null;
  Last_IO_Error: string;
  Last_SQL_Error: string;
}

export class MariaDbReplication {
  private constructor(
    private readonly dir: string,
    readonly primary: MariaDbServer,
    readonly replica: MariaDbServer,
  ) {}

  static async start(): Promise<MariaDbReplication> {
    const dir = await mkdtemp(join(tmpdir(), 'beacon-replication-'));
    const servers: MariaDbServer[] = [];
    try {
      const [primary, replica] = await Promise.all([
        MariaDbServer.start(join(dir, 'primary'), [
          '--server-id=1',
          `--log-bin=${join(dir, 'primary', 'binlog')}`,
        ]),
        MariaDbServer.start(join(dir, 'replica'), [
          '--server-id=2',
          '--read-only=1',
          `--relay-log=${join(dir, 'replica', 'relay')}`,
        ]),
      ]);
      servers.push(primary, replica);
      const replication = new MariaDbReplication(dir, primary, replica);
      await replication.follow();
      return replication;
    } catch (error) {
      await Promise.all(servers.map((server) => server.kill()));
      await rm(dir, { recursive: true, force: true });
      throw error;
    }
  }

  /** `STOP SLAVE`, or only its SQL thread (events still arrive, none is applied). */
  async stopReplication(thread?: 'SQL_THREAD'): Promise<void> {
    await this.replica.sql(`STOP SLAVE ${thread ?? ''}`);
  }

  async startReplication(): Promise<void> {
    await this.replica.sql('START SLAVE');
  }

  /** The replica applies each event `seconds` after the primary wrote it (MASTER_DELAY). */
  async delayReplication(seconds: number): Promise<void> {
    await this.replica.sql(`STOP SLAVE; CHANGE MASTER TO MASTER_DELAY = ${seconds}; START SLAVE`);
  }

  /** Waits until the replica has applied everything the primary has written so far. */
  async caughtUp(): Promise<void> {
    const [{ position }] = await this.primary.sql<{ position: string }>(
      'SELECT @@gtid_binlog_pos AS position',
    );
    const [{ reached }] = await this.replica.sql<{ reached: number }>(
      'SELECT MASTER_GTID_WAIT(?, ?) AS reached',
      [position, CATCH_UP_TIMEOUT_S],
    );
    if (reached !== 0)
      throw new Error(`the replica did not reach ${position}: ${await this.describe()}`);
  }

  async status(): Promise<ReplicaStatus> {
    const [status] = await this.replica.sql<ReplicaStatus>('SHOW REPLICA STATUS');
    return status;
  }

  async stop(): Promise<void> {
    await Promise.all([this.primary.kill(), this.replica.kill()]);
    await rm(this.dir, { recursive: true, force: true });
  }

  private async follow(): Promise<void> {
    await this.primary.sql(
      `CREATE USER '${REPLICATION_USER}'@'localhost' IDENTIFIED BY '${REPLICATION_PASSWORD}';
       GRANT REPLICATION SLAVE ON *.* TO '${REPLICATION_USER}'@'localhost'`,
    );
    await this.replica.sql(
      `CHANGE MASTER TO MASTER_HOST = '127.0.0.1', MASTER_PORT = ${this.primary.port},
         MASTER_USER = '${REPLICATION_USER}', MASTER_PASSWORD = '${REPLICATION_PASSWORD}',
         MASTER_USE_GTID = slave_pos, MASTER_CONNECT_RETRY = 1;
       START SLAVE`,
    );
    await this.caughtUp();
  }

  private async describe(): Promise<string> {
    const status = await this.status();
    return JSON.stringify({
      io: status.Slave_IO_Running,
      sql: status.Slave_SQL_Running,
      behind: status.Seconds_Behind_Master,
      errors: [status.Last_IO_Error, status.Last_SQL_Error].filter(Boolean),
    });
  }
}
