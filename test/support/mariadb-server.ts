/**
 * A MariaDB server of the test's own: its own data directory and port, started from the
 * machine's `mariadbd` with `--no-defaults` (the machine's config runs the server as `mysql`,
 * which cannot write a folder the test made), never touching the machine's own server. It can
 * be killed and started again on the same data, as a crashed replica would be.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createConnection } from 'mysql2/promise';
import { freePort } from './app-process';

const READY_TIMEOUT_MS = 30_000;

/** Where Debian and most distributions put the server, which is often not on a user's PATH. */
const SEARCH_PATH = [...(process.env.PATH ?? '').split(':'), '/usr/sbin', '/usr/local/sbin'];

export class MariaDbServer {
  readonly host = '127.0.0.1';
  private process: ChildProcess | undefined;

  private constructor(
    private readonly dataDir: string,
    readonly port: number,
    private readonly options: string[],
  ) {}

  /** Installs a fresh data directory in `dataDir` and starts a server on it. */
  static async start(dataDir: string, options: string[]): Promise<MariaDbServer> {
    const installed = spawnSync(
      binary('mariadb-install-db'),
      [
        '--no-defaults',
        '--user=root',
        `--datadir=${dataDir}`,
        '--auth-root-authentication-method=normal',
      ],
      { encoding: 'utf8' },
    );
    if (installed.status !== 0) {
      throw new Error(`mariadb-install-db failed:\n${installed.stdout}${installed.stderr}`);
    }
    const server = new MariaDbServer(dataDir, await freePort(), options);
    await server.restart();
    return server;
  }

  /** Starts the server on its existing data directory and waits until it answers. */
  async restart(): Promise<void> {
    const child = spawn(
      binary('mariadbd'),
      [
        '--no-defaults',
        '--user=root',
        `--datadir=${this.dataDir}`,
        `--port=${this.port}`,
        `--socket=${this.dataDir}.sock`,
        `--pid-file=${this.dataDir}.pid`,
        `--log-error=${this.dataDir}.err`,
        '--bind-address=127.0.0.1',
        // Durability is not what these servers are for; speed is.
        '--innodb-flush-log-at-trx-commit=2',
        '--innodb-buffer-pool-size=64M',
        ...this.options,
      ],
      { stdio: 'ignore' },
    );
    this.process = child;
    // Should the test process end without its clean-up, the server must not outlive it.
    const killOnExit = () => child.kill('SIGKILL');
    process.once('exit', killOnExit);
    child.once('exit', () => process.off('exit', killOnExit));
    await this.waitUntilReady(child);
  }

  get running(): boolean {
    return (
      this.process !== undefined &&
      this.process.exitCode === null &&
      this.process.signalCode === null
    );
  }

  /** SIGKILL, as a crash: no shutdown, no flush. */
  async kill(): Promise<void> {
    const child = this.process;
    if (!child || !this.running) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  /** Runs statements as root (several, separated by semicolons, are allowed). */
  async sql<T = Record<string, unknown>>(query: string, params: unknown[] = []): Promise<T[]> {
    const connection = await createConnection({
      host: this.host,
      port: this.port,
      user: 'root',
      multipleStatements: true,
    });
    try {
      const [rows] = await connection.query(query, params);
      return rows as T[];
    } finally {
      await connection.end();
    }
  }

  private async waitUntilReady(child: ChildProcess): Promise<void> {
    const deadline = Date.now() + READY_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) break;
      if (
        await this.sql('SELECT 1').then(
          () => true,
          () => false,
        )
      )
        return;
      await sleep(100);
    }
    const log = existsSync(`${this.dataDir}.err`)
      ? readFileSync(`${this.dataDir}.err`, 'utf8')
      : '';
    await this.kill();
    throw new Error(`mariadbd on port ${this.port} did not start:\n${log.slice(-2000)}`);
  }
}

/** The full path of a MariaDB program; a clear failure (never a skip) when it is missing. */
function binary(name: string): string {
  const found = SEARCH_PATH.map((dir) => join(dir, name)).find((path) => existsSync(path));
  if (!found) {
    throw new Error(
      `${name} is not installed: the read-replica suite starts MariaDB servers of its own ` +
        '(Debian: apt-get install mariadb-server)',
    );
  }
  return found;
}
