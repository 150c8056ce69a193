/**
 * Runs the project's own observability/ configuration on real Prometheus and Alertmanager
 * (Debian's packages), rendered for loopback by scripts/native-stack/observability-config.mts
 * like `npm run stack:native` does. Each run works in its own temporary directory, removed by
 * `stop()`.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  renderAlertmanagerConfig,
  renderPrometheusConfig,
  type LoopbackAddresses,
} from '../../scripts/native-stack/observability-config.mts';

export { OBSERVABILITY_DIR, RULES_DIR } from '../../scripts/native-stack/observability-config.mts';
import { freePort } from '../support/app-process';
import { startCollectingServer, type CollectingServer } from '../support/collecting-server';

const run = promisify(execFile);

/** The addresses of `renderPrometheusConfig`, plus the token Prometheus presents. */
export type StackAddresses = Omit<LoopbackAddresses, 'prometheus' | 'alertmanager'> & {
  alertWebhookUrl: string;
  metricsToken: string;
};

export class ObservabilityStack {
  private constructor(
    readonly workDir: string,
    readonly prometheusUrl: string,
    readonly alertmanagerUrl: string,
    readonly prometheusConfig: string,
    readonly alertmanagerConfig: string,
    private readonly processes: ChildProcess[],
  ) {}

  static async start(addresses: StackAddresses): Promise<ObservabilityStack> {
    const workDir = mkdtempSync(join(tmpdir(), 'beacon-observability-'));
    const prometheus = `127.0.0.1:${await freePort()}`;
    const alertmanager = `127.0.0.1:${await freePort()}`;
    const all = { ...addresses, prometheus, alertmanager };
    const tokenFile = join(workDir, 'metrics-token');
    writeFileSync(tokenFile, addresses.metricsToken);
    const prometheusConfig = join(workDir, 'prometheus.yml');
    writeFileSync(prometheusConfig, renderPrometheusConfig(all, tokenFile));
    const alertmanagerConfig = join(workDir, 'alertmanager.yml');
    writeFileSync(alertmanagerConfig, renderAlertmanagerConfig(all.alertWebhookUrl));
    const processes = [
      startBinary('prometheus-alertmanager', [
        `--config.file=${alertmanagerConfig}`,
        `--storage.path=${join(workDir, 'alertmanager-data')}`,
        `--web.listen-address=${alertmanager}`,
        '--cluster.listen-address=',
      ]),
      startBinary('prometheus', [
        `--config.file=${prometheusConfig}`,
        `--storage.tsdb.path=${join(workDir, 'prometheus-data')}`,
        `--web.listen-address=${prometheus}`,
        '--enable-feature=exemplar-storage',
      ]),
    ];
    return new ObservabilityStack(
      workDir,
      `http://${prometheus}`,
      `http://${alertmanager}`,
      prometheusConfig,
      alertmanagerConfig,
      processes,
    );
  }

  /** An instant query; returns the result vector (throws on a query error). */
  async query(
    expr: string,
  ): Promise<{ metric: Record<string, string>; value: [number, string] }[]> {
    const response = await fetch(
      `${this.prometheusUrl}/api/v1/query?query=${encodeURIComponent(expr)}`,
    );
    const body = (await response.json()) as {
      status: string;
      error?: string;
      data: { result: [] };
    };
    if (body.status !== 'success') throw new Error(`${expr}: ${body.error}`);
    return body.data.result;
  }

  async targets(): Promise<{ job: string; health: string; lastError: string }[]> {
    const response = await fetch(`${this.prometheusUrl}/api/v1/targets?state=active`);
    const body = (await response.json()) as {
      data: { activeTargets: { labels: { job: string }; health: string; lastError: string }[] };
    };
    return body.data.activeTargets.map((target) => ({
      job: target.labels.job,
      health: target.health,
      lastError: target.lastError,
    }));
  }

  async exemplars(expr: string): Promise<Record<string, string>[]> {
    const end = Date.now() / 1000;
    const url = `${this.prometheusUrl}/api/v1/query_exemplars?query=${encodeURIComponent(expr)}&start=${end - 600}&end=${end}`;
    const body = (await (await fetch(url)).json()) as {
      data: { exemplars: { labels: Record<string, string> }[] }[];
    };
    return body.data.flatMap((series) => series.exemplars.map((exemplar) => exemplar.labels));
  }

  async stop(): Promise<void> {
    await Promise.all(this.processes.map(stopProcess));
    rmSync(this.workDir, { recursive: true, force: true });
  }
}

/** Runs a command; resolves with its output, rejects with its output when it fails. */
export async function check(command: string, args: string[]): Promise<string> {
  try {
    const { stdout, stderr } = await run(command, args);
    return stdout + stderr;
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`${command} ${args.join(' ')} failed:\n${stdout}${stderr}`, { cause: error });
  }
}

function startBinary(binary: string, args: string[]): ChildProcess {
  const child = spawn(binary, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  const output: string[] = [];
  child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.once('exit', (code, signal) => {
    if (signal === null && code !== 0) {
      process.stderr.write(`${binary} exited with ${code}:\n${output.join('').slice(-4000)}\n`);
    }
  });
  return child;
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** Collects what Alertmanager posts to its webhook receiver. */
export class AlertWebhook {
  readonly notifications: { status: string; alerts: { labels: Record<string, string> }[] }[] = [];
  private server?: CollectingServer;

  static async start(): Promise<AlertWebhook> {
    const webhook = new AlertWebhook();
    webhook.server = await startCollectingServer((_path, body) => {
      webhook.notifications.push(JSON.parse(body.toString('utf8')));
    });
    return webhook;
  }

  get url(): string {
    return `${this.server!.base}/alerts`;
  }

  firing(alertname: string): Record<string, string>[] {
    return this.notifications
      .filter((notification) => notification.status === 'firing')
      .flatMap((notification) => notification.alerts.map((alert) => alert.labels))
      .filter((labels) => labels.alertname === alertname);
  }

  close(): Promise<void> {
    return this.server!.close();
  }
}
