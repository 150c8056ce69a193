// `npm run stack:native`: Beacon without Docker. Builds, runs the migrations, then the gateway
// and worker, Prometheus and Alertmanager (Debian's `prometheus` and `prometheus-alertmanager`)
// against this machine's MySQL/MariaDB and RabbitMQ, with the same observability/ files as the
// compose stack (addresses rendered for loopback; no Tempo, so no tempo scrape job). The apps
// read the usual environment (and .env, through `node --env-file-if-exists`). Ctrl-C or SIGTERM
// stops every process, apps first, and exits 0 once they all have.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildDist } from '../build-dist.mts';
import { renderAlertmanagerConfig, renderPrometheusConfig } from './observability-config.mts';

const ROOT = resolve(import.meta.dirname, '..', '..');
const USAGE = `usage: npm run stack:native -- [options]

Starts the gateway, the worker, Prometheus and Alertmanager on this machine (after the
migrations), against the DB_* database and AMQP_URL broker, until Ctrl-C.

  --gateway-port <n>       default 3333
  --worker-port <n>        default 3334
  --prometheus-port <n>    default 9090
  --alertmanager-port <n>  default 9093
  --dir <path>             rendered configuration and data (default .native-stack)
  --no-build               run dist/ as it is (by default \`npm run build\` comes first)
  --help                   this text

METRICS_AUTH_TOKEN: the tokens the apps accept (Prometheus presents the last); unset, a random
one for this run. ALERT_WEBHOOK_URL: where alerts go (unset: nowhere). OTEL_SDK_DISABLED
defaults to true here (no Tempo).`;

const READY_TIMEOUT_MS = 60_000;

interface Running {
  name: string;
  child: ChildProcess;
}

function options() {
  const { values } = parseArgs({
    options: {
      'gateway-port': { type: 'string', default: '3333' },
      'worker-port': { type: 'string', default: '3334' },
      'prometheus-port': { type: 'string', default: '9090' },
      'alertmanager-port': { type: 'string', default: '9093' },
      dir: { type: 'string', default: '.native-stack' },
      'no-build': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  const port = (name: keyof typeof values) => {
    const value = Number(values[name]);
    if (!Number.isInteger(value) || value < 1 || value > 65_535) {
      throw new Error(`--${name}: expected a port number`);
    }
    return value;
  };
  return {
    help: values.help,
    build: !values['no-build'],
    dir: resolve(values.dir),
    gateway: port('gateway-port'),
    worker: port('worker-port'),
    prometheus: port('prometheus-port'),
    alertmanager: port('alertmanager-port'),
  };
}

/** Debian names Alertmanager's binary prometheus-alertmanager; elsewhere it is alertmanager. */
function binary(...names: string[]): string {
  for (const name of names) {
    if (spawnSync('sh', ['-c', `command -v ${name}`]).status === 0) return name;
  }
  throw new Error(`${names[0]} is not installed (apt-get install -y ${names[0]})`);
}

/** Starts a process whose output lines go to ours, prefixed with its name. */
function start(name: string, command: string, args: string[], env: NodeJS.ProcessEnv): Running {
  const child = spawn(command, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  for (const stream of [child.stdout!, child.stderr!]) {
    let partial = '';
    stream.on('data', (chunk: Buffer) => {
      const lines = (partial + chunk.toString()).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) process.stdout.write(`${name.padEnd(12)} | ${line}\n`);
    });
  }
  return { name, child };
}

async function waitUntilReady(name: string, url: string, running: Running): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (running.child.exitCode !== null) throw new Error(`${name} exited while starting`);
    const ok = await fetch(url).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((done) => setTimeout(done, 250));
  }
  throw new Error(`${name} was not ready at ${url} within ${READY_TIMEOUT_MS / 1000} s`);
}

function stop({ child }: Running): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    child.once('exit', () => done());
    child.kill('SIGTERM');
  });
}

async function main(): Promise<number> {
  const settings = options();
  if (settings.help) {
    console.log(USAGE);
    return 0;
  }
  if (settings.build) buildDist();
  const prometheusBinary = binary('prometheus');
  const alertmanagerBinary = binary('prometheus-alertmanager', 'alertmanager');
  mkdirSync(settings.dir, { recursive: true });

  const tokens = process.env.METRICS_AUTH_TOKEN || randomBytes(32).toString('base64url');
  const tokenFile = join(settings.dir, 'metrics_token');
  writeFileSync(tokenFile, `${tokens.split(',').at(-1)!.trim()}\n`, { mode: 0o600 });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    METRICS_AUTH_TOKEN: tokens,
    OTEL_SDK_DISABLED: process.env.OTEL_SDK_DISABLED ?? 'true',
  };
  // Prometheus scrapes the first node of a cluster's list (AMQP_URL may hold several).
  const brokerHost = new URL((env.AMQP_URL || 'amqp://127.0.0.1').split(',')[0]).hostname;
  const prometheus = `127.0.0.1:${settings.prometheus}`;
  const alertmanager = `127.0.0.1:${settings.alertmanager}`;
  writeFileSync(
    join(settings.dir, 'prometheus.yml'),
    renderPrometheusConfig(
      {
        gateway: `127.0.0.1:${settings.gateway}`,
        workerPort: settings.worker,
        rabbitmq: `${brokerHost}:15692`,
        prometheus,
        alertmanager,
      },
      tokenFile,
    ),
  );
  writeFileSync(
    join(settings.dir, 'alertmanager.yml'),
    renderAlertmanagerConfig(env.ALERT_WEBHOOK_URL || 'http://127.0.0.1:9/no-receiver'),
  );

  const migrated = spawnSync(process.execPath, ['dist/libs/database/src/migrate.main.js'], {
    cwd: ROOT,
    env,
    stdio: 'inherit',
  });
  if (migrated.status !== 0) throw new Error('the migrations failed');

  const app = (name: 'gateway' | 'worker', port: number) =>
    start(
      name,
      process.execPath,
      ['--import', `./dist/apps/${name}/src/instrumentation.js`, `dist/apps/${name}/src/main.js`],
      { ...env, PORT: String(port) },
    );
  const running = [
    start(
      'alertmanager',
      alertmanagerBinary,
      [
        `--config.file=${join(settings.dir, 'alertmanager.yml')}`,
        `--storage.path=${join(settings.dir, 'alertmanager-data')}`,
        `--web.listen-address=${alertmanager}`,
        '--cluster.listen-address=',
      ],
      env,
    ),
    start(
      'prometheus',
      prometheusBinary,
      [
        `--config.file=${join(settings.dir, 'prometheus.yml')}`,
        `--storage.tsdb.path=${join(settings.dir, 'prometheus-data')}`,
        `--web.listen-address=${prometheus}`,
        '--enable-feature=exemplar-storage',
      ],
      env,
    ),
    app('worker', settings.worker),
    app('gateway', settings.gateway),
  ];
  const stopAll = async () => {
    // The apps first (they drain), then what watches them.
    for (const each of [...running].reverse()) await stop(each);
  };
  let stopping: Promise<void> | undefined;
  const shutDown = new Promise<void>((done) => {
    const onSignal = () => {
      stopping ??= stopAll().then(done);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
  try {
    await Promise.all([
      waitUntilReady('alertmanager', `http://${alertmanager}/-/ready`, running[0]),
      waitUntilReady('prometheus', `http://${prometheus}/-/ready`, running[1]),
      waitUntilReady('worker', `http://127.0.0.1:${settings.worker}/health/ready`, running[2]),
      waitUntilReady('gateway', `http://127.0.0.1:${settings.gateway}/health/ready`, running[3]),
    ]);
  } catch (error) {
    await stopAll();
    throw error;
  }
  console.log(`stack:native ready
  gateway       http://127.0.0.1:${settings.gateway}
  worker        http://127.0.0.1:${settings.worker}
  prometheus    http://${prometheus}
  alertmanager  http://${alertmanager}
Ctrl-C stops everything.`);
  await shutDown;
  console.log('stack:native stopped');
  return 0;
}

main().then(
  (code) => (process.exitCode = code),
  (error: Error) => {
    console.error(`stack:native: ${error.message}`);
    process.exitCode = 1;
  },
);
