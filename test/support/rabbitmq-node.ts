/**
 * One node of a RabbitMQ cluster of a suite's own: its own name, AMQP and distribution ports,
 * configuration, data and logs in a directory of its own. Every command names this node, so the
 * machine's broker (rabbit@localhost) is never touched. rabbitmq-server drops to the rabbitmq
 * user: the directory must be that user's (RabbitCluster sees to it), or the node dies at start
 * and says why only in its log.
 */
import { execFile } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);
const STARTUP_TIMEOUT_MS = 60_000;
const COMMAND_TIMEOUT_MS = 30_000;

/** Runs one of RabbitMQ's command-line tools (rabbitmqctl, rabbitmq-queues) against `node`. */
export async function rabbitmqCli(tool: string, node: string, args: string[]): Promise<string> {
  const { stdout } = await execFileAsync(tool, ['-n', node, ...args], {
    timeout: COMMAND_TIMEOUT_MS,
  });
  return stdout;
}

const rabbitmqctl = (node: string, args: string[]) => rabbitmqCli('rabbitmqctl', node, args);

export class RabbitNode {
  /** The URL an app is given (guest may log in from anywhere: `loopback_users = none`). */
  readonly url: string;
  /** host:port, as the apps' logs and `amqp_connected` name it. */
  readonly address: string;

  constructor(
    readonly name: string,
    readonly amqpPort: number,
    private readonly distPort: number,
    private readonly dir: string,
    /** More lines of its rabbitmq.conf. */
    private readonly extraConfig = '',
  ) {
    this.url = `amqp://guest:guest@127.0.0.1:${amqpPort}`;
    this.address = `127.0.0.1:${amqpPort}`;
  }

  /** Its configuration: the machine's config file pins port 5672, so the node needs its own. */
  async prepare(): Promise<void> {
    await mkdir(join(this.dir, 'mnesia'), { recursive: true });
    await mkdir(join(this.dir, 'log'), { recursive: true });
    await writeFile(
      join(this.dir, 'rabbitmq.conf'),
      `listeners.tcp.local = 127.0.0.1:${this.amqpPort}\nloopback_users = none\n${this.extraConfig}`,
    );
    // No plugins: the Prometheus plugin would take port 15692 from the machine's broker.
    await writeFile(join(this.dir, 'enabled_plugins'), '[].\n');
  }

  /** Starts the node (again, after `stop`: it rejoins its cluster by itself) and waits for it. */
  async start(): Promise<void> {
    await execFileAsync('rabbitmq-server', ['-detached'], {
      env: { ...process.env, ...this.environment() },
      timeout: COMMAND_TIMEOUT_MS,
    });
    const deadline = Date.now() + STARTUP_TIMEOUT_MS;
    // await_startup fails at once while the node has not registered with epmd yet: ask again.
    while (!(await this.answers())) {
      if (Date.now() > deadline) {
        throw new Error(`${this.name} did not start; its log ends:\n${await this.logTail()}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }

  async joinCluster(first: RabbitNode): Promise<void> {
    await rabbitmqctl(this.name, ['stop_app']);
    await rabbitmqctl(this.name, ['join_cluster', first.name]);
    await rabbitmqctl(this.name, ['start_app']);
  }

  /** Stops the node gracefully; with the pid file, rabbitmqctl waits until its process is gone. */
  async stop(): Promise<void> {
    await rabbitmqctl(this.name, ['stop', this.pidFile]);
  }

  /** For the clean-up: stops the node if its process still runs, killing it if it will not stop. */
  async halt(): Promise<void> {
    const pid = Number(await readFile(this.pidFile, 'utf8').catch(() => ''));
    if (!pid || !isAlive(pid)) return;
    await this.stop().catch(() => undefined);
    if (isAlive(pid)) process.kill(pid, 'SIGKILL');
  }

  /** What rabbitmq-plugins needs to change this node's plugins: its enabled_plugins file. */
  get pluginsEnvironment(): Record<string, string> {
    return { RABBITMQ_ENABLED_PLUGINS_FILE: join(this.dir, 'enabled_plugins') };
  }

  private get pidFile(): string {
    return join(this.dir, 'rabbitmq.pid');
  }

  private environment(): Record<string, string> {
    return {
      RABBITMQ_NODENAME: this.name,
      RABBITMQ_DIST_PORT: String(this.distPort),
      RABBITMQ_CONFIG_FILE: join(this.dir, 'rabbitmq.conf'),
      RABBITMQ_MNESIA_BASE: join(this.dir, 'mnesia'),
      RABBITMQ_LOG_BASE: join(this.dir, 'log'),
      RABBITMQ_PID_FILE: this.pidFile,
      RABBITMQ_ENABLED_PLUGINS_FILE: join(this.dir, 'enabled_plugins'),
    };
  }

  private answers(): Promise<boolean> {
    return rabbitmqctl(this.name, ['await_startup', '--timeout', '10']).then(
      () => true,
      () => false,
    );
  }

  private async logTail(): Promise<string> {
    const log = join(this.dir, 'log', `${this.name}.log`);
    const text = await readFile(log, 'utf8').catch((error: Error) => error.message);
    return text.split('\n').slice(-20).join('\n');
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
