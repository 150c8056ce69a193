// RabbitMQ's Prometheus plugin (port 15692), which the observability stack test scrapes, turned
// on by the tests themselves: a broker without it gets `rabbitmq-plugins enable
// rabbitmq_prometheus` (what .ci/run does) when it runs on this machine. When that cannot be
// done (a remote broker, no rabbitmq-plugins, no right to run it), the error is one line that
// says the command to run. `npm run test:services` and the stack suite both call it.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

export interface RabbitPrometheusTarget {
  /** The plugin's endpoint, e.g. http://127.0.0.1:15692/metrics. */
  metricsUrl: string;
  /** The node to enable it on (rabbitmq-plugins -n); the machine's default node when unset. */
  node?: string;
  /** The command-line tool, found on PATH by default. */
  cli?: string;
  /** More environment for it (a node of its own names its enabled_plugins file there). */
  env?: Record<string, string>;
}

const ENABLE = 'rabbitmq-plugins enable rabbitmq_prometheus';
const CLI_TIMEOUT_MS = 60_000;
const START_TIMEOUT_MS = 30_000;
const PROBE_TIMEOUT_MS = 2_000;

/** Resolves `on` when it answered already, `enabled` when this call turned it on. */
export async function ensureRabbitPrometheus(
  target: RabbitPrometheusTarget,
): Promise<'on' | 'enabled'> {
  const { metricsUrl, node, cli = 'rabbitmq-plugins', env = {} } = target;
  if (await answers(metricsUrl)) return 'on';
  const { hostname } = new URL(metricsUrl);
  if (!isThisMachine(hostname)) {
    throw new Error(`no answer at ${metricsUrl}: run \`${ENABLE}\` on ${hostname}`);
  }
  try {
    await promisify(execFile)(
      cli,
      [...(node ? ['-n', node] : []), 'enable', 'rabbitmq_prometheus'],
      { env: { ...process.env, ...env }, timeout: CLI_TIMEOUT_MS },
    );
  } catch (error) {
    throw new Error(
      `no answer at ${metricsUrl}, and \`${ENABLE}\` failed (${firstLine(error)}): run it as root or the rabbitmq user`,
      { cause: error },
    );
  }
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (!(await answers(metricsUrl))) {
    if (Date.now() > deadline) {
      throw new Error(
        `enabled, but no answer at ${metricsUrl} within ${START_TIMEOUT_MS / 1000} s`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return 'enabled';
}

async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) })).ok;
  } catch {
    return false;
  }
}

function isThisMachine(hostname: string): boolean {
  return ['localhost', '127.0.0.1', '[::1]'].includes(hostname) || hostname.startsWith('127.');
}

function firstLine(error: unknown): string {
  const { stderr, message } = error as { stderr?: string; message?: string };
  return (stderr?.trim() || message || String(error)).split('\n')[0];
}
