// `npm run bench`: how fast is the redirect hot path (`GET /:slug` → 302), compared with the
// least any Node server can do for the same request on the same machine in the same run?
//
// 1. Migrates a throw-away database and boots the built gateway (dist/) with its own DB name and
//    AMQP prefix, NODE_ENV=production, LOG_LEVEL=warn.
// 2. Starts the ceiling: a bare node:http server answering 302 from a Map
//    (scripts/bench-ceiling-server.mts), in its own process like the gateway.
// 3. Creates one link through the API, warms both servers up, then runs interleaved rounds of
//    {ceiling, gateway} with autocannon (the order alternates per round) and a link-creation run.
// 4. Checks that every redirect answer was a 3xx and every creation a 2xx, prints the figures,
//    the gateway/ceiling ratio per round and its median.
// 5. Always stops the children, drops the database and deletes the exchanges and queues.
//
// The machine is shared and noisy: absolute figures vary, the ratio measured within a round is
// what to compare. Settings (environment): BENCH_DURATION_S (5), BENCH_ROUNDS (3),
// BENCH_CONNECTIONS (50), BENCH_CREATE_CONNECTIONS (10), BENCH_WARMUP_S (2), and BENCH_MIN_RATIO
// (unset: when set, a median ratio below it fails the run). DB_HOST, DB_PORT, DB_USER,
// DB_PASSWORD and AMQP_URL are passed through to the gateway and used for the clean-up.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import amqp, { type Channel } from 'amqplib';
import autocannon from 'autocannon';
import mysql from 'mysql2/promise';

const fromRoot = (relative: string): string =>
  fileURLToPath(new URL(`../${relative}`, import.meta.url));
const GATEWAY_MAIN = fromRoot('dist/apps/gateway/src/main.js');
const MIGRATE_MAIN = fromRoot('dist/libs/database/src/migrate.main.js');
const CEILING_SERVER = fromRoot('scripts/bench-ceiling-server.mts');

const TARGET_URL = 'https://example.com/beacon-bench';
const MIGRATION_TIMEOUT_MS = 120_000;
const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 10_000;
const CLEANUP_STEP_TIMEOUT_MS = 15_000;
const HTTP_TIMEOUT_MS = 5_000;
/** Linux reports process and machine CPU time in clock ticks of 1/100 s (USER_HZ). */
const CLOCK_TICK_MS = 10;

interface Settings {
  durationS: number;
  rounds: number;
  connections: number;
  createConnections: number;
  warmupS: number;
  minRatio: number | undefined;
}

interface Child {
  name: string;
  process: ChildProcess;
  /** Last lines the child wrote (stdout and stderr), shown when something goes wrong. */
  output: string[];
  lineCount: number;
  exited: Promise<void>;
}

interface CpuSample {
  atMs: number;
  serverTicks: number | undefined;
  self: NodeJS.CpuUsage;
  machine: { busy: number; total: number } | undefined;
}

/** CPU use during one load run, in % of one core (the machine has os.cpus().length × 100 %). */
interface CpuShare {
  server: number | undefined;
  loadGenerator: number;
  rest: number | undefined;
  serverUsPerRequest: number | undefined;
}

interface Measurement {
  scenario: string;
  round: number | undefined;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  total: number;
  cpu: CpuShare;
}

const runId = `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
const name = `beacon_bench_${runId}`;
const dbConnection = {
  host: process.env.DB_HOST || '127.0.0.1',
  port: Number(process.env.DB_PORT || 3306),
  user: process.env.DB_USER || 'root',
  password: process.env.DB_PASSWORD ?? '',
};
const amqpUrl = process.env.AMQP_URL || 'amqp://guest:guest@127.0.0.1:5672';

const children: Child[] = [];
let migrationStarted = false;
let gatewayStarted = false;
let cleanupPromise: Promise<boolean> | undefined;

// ---------------------------------------------------------------------------------------------
// Helpers

function positiveIntFromEnv(variable: string, fallback: number): number {
  const raw = process.env[variable];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) {
    throw new Error(`${variable} must be a positive integer, got "${raw}"`);
  }
  return value;
}

function readSettings(): Settings {
  const rawMinRatio = process.env.BENCH_MIN_RATIO;
  const minRatio = rawMinRatio ? Number(rawMinRatio) : undefined;
  if (minRatio !== undefined && !(minRatio > 0 && minRatio <= 1)) {
    throw new Error(`BENCH_MIN_RATIO must be a number in (0, 1], got "${rawMinRatio}"`);
  }
  return {
    durationS: positiveIntFromEnv('BENCH_DURATION_S', 5),
    rounds: positiveIntFromEnv('BENCH_ROUNDS', 3),
    connections: positiveIntFromEnv('BENCH_CONNECTIONS', 50),
    createConnections: positiveIntFromEnv('BENCH_CREATE_CONNECTIONS', 10),
    warmupS: positiveIntFromEnv('BENCH_WARMUP_S', 2),
    minRatio,
  };
}

async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function log(message: string): void {
  console.log(`[bench] ${message}`);
}

/** A port the OS says is free right now (the gateway binds it a moment later). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function startChild(
  childName: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  withIpc = false,
): Child {
  const child = spawn(process.execPath, args, {
    env,
    stdio: withIpc ? ['ignore', 'pipe', 'pipe', 'ipc'] : ['ignore', 'pipe', 'pipe'],
  });
  const entry: Child = {
    name: childName,
    process: child,
    output: [],
    lineCount: 0,
    exited: new Promise((resolve) => child.once('exit', () => resolve())),
  };
  const collect = (chunk: Buffer): void => {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (line.trim() === '') continue;
      entry.lineCount++;
      entry.output.push(line.length > 500 ? `${line.slice(0, 500)}…` : line);
      if (entry.output.length > 40) entry.output.shift();
    }
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  child.on('error', (error) => collect(Buffer.from(`spawn error: ${error.message}`)));
  children.push(entry);
  return entry;
}

function isRunning(child: Child): boolean {
  return child.process.exitCode === null && child.process.signalCode === null;
}

function describeExit(child: Child): string {
  const { exitCode, signalCode } = child.process;
  const how = signalCode ? `signal ${signalCode}` : `code ${exitCode}`;
  const tail = child.output.length > 0 ? `\n  ${child.output.join('\n  ')}` : ' (no output)';
  return `${child.name} exited with ${how}; its last output:${tail}`;
}

function assertRunning(child: Child): void {
  if (!isRunning(child)) throw new Error(describeExit(child));
}

async function stopChild(child: Child): Promise<void> {
  if (!isRunning(child)) return;
  child.process.kill('SIGTERM');
  try {
    await withTimeout(child.exited, STOP_TIMEOUT_MS, `${child.name} stop`);
  } catch {
    child.process.kill('SIGKILL');
    await withTimeout(child.exited, STOP_TIMEOUT_MS, `${child.name} kill`);
  }
}

async function waitReady(child: Child, url: string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    assertRunning(child);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (response.status === 200) return;
      last = `HTTP ${response.status}: ${(await response.text()).slice(0, 300)}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await sleep(250);
  }
  throw new Error(`${url} not ready within ${READY_TIMEOUT_MS} ms (last: ${last})`);
}

/** `GET /<slug>` must answer 302 with the link's target (checked once per server, by hand). */
async function checkRedirect(base: string, slug: string, target: string): Promise<void> {
  const response = await fetch(`${base}/${slug}`, {
    redirect: 'manual',
    signal: AbortSignal.timeout(HTTP_TIMEOUT_MS),
  });
  const location = response.headers.get('location');
  if (response.status !== 302 || location !== target) {
    throw new Error(
      `${base}/${slug}: expected 302 to ${target}, got ${response.status} to ${location}`,
    );
  }
}

function cpuSample(serverPid: number | undefined): CpuSample {
  return {
    atMs: performance.now(),
    serverTicks: serverPid === undefined ? undefined : processTicks(serverPid),
    self: process.cpuUsage(),
    machine: machineTicks(),
  };
}

/** utime + stime of a process, from /proc (Linux only; undefined elsewhere). */
function processTicks(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return undefined;
  }
}

function machineTicks(): { busy: number; total: number } | undefined {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0];
    const [user, nice, system, idle, iowait, irq, softirq, steal] = line
      .trim()
      .split(/\s+/)
      .slice(1, 9)
      .map(Number);
    const total = user + nice + system + idle + iowait + irq + softirq + steal;
    return { busy: total - idle - iowait, total };
  } catch {
    return undefined;
  }
}

function cpuShare(before: CpuSample, after: CpuSample, requests: number): CpuShare {
  const wallMs = after.atMs - before.atMs;
  const percent = (cpuMs: number): number => (100 * cpuMs) / wallMs;
  const selfMs =
    (after.self.user - before.self.user + after.self.system - before.self.system) / 1000;
  const serverMs =
    before.serverTicks !== undefined && after.serverTicks !== undefined
      ? (after.serverTicks - before.serverTicks) * CLOCK_TICK_MS
      : undefined;
  let rest: number | undefined;
  if (before.machine && after.machine && serverMs !== undefined) {
    const busyMs = (after.machine.busy - before.machine.busy) * CLOCK_TICK_MS;
    rest = Math.max(0, percent(busyMs - serverMs - selfMs));
  }
  return {
    server: serverMs === undefined ? undefined : percent(serverMs),
    loadGenerator: percent(selfMs),
    rest,
    serverUsPerRequest:
      serverMs === undefined || requests === 0 ? undefined : (serverMs * 1000) / requests,
  };
}

/** One autocannon run against a server process, with that process's CPU use measured. */
async function load(
  options: autocannon.Options,
  server: Child,
): Promise<{ result: autocannon.Result; cpu: CpuShare }> {
  assertRunning(server);
  const before = cpuSample(server.process.pid);
  let instance: autocannon.Instance | undefined;
  const run = new Promise<autocannon.Result>((resolve, reject) => {
    instance = autocannon(options, (error: Error | null, result: autocannon.Result) =>
      error ? reject(error) : resolve(result),
    );
  });
  const limitMs = ((options.duration as number) + 20) * 1000;
  try {
    const result = await withTimeout(run, limitMs, `load run ${options.title ?? ''}`);
    const after = cpuSample(server.process.pid);
    assertRunning(server);
    return { result, cpu: cpuShare(before, after, result.requests.total) };
  } catch (error) {
    instance?.stop();
    throw error;
  }
}

function toMeasurement(
  scenario: string,
  round: number | undefined,
  run: { result: autocannon.Result; cpu: CpuShare },
): Measurement {
  return {
    scenario,
    round,
    requestsPerSecond: run.result.requests.average,
    p50: run.result.latency.p50,
    p99: run.result.latency.p99,
    total: run.result.requests.total,
    cpu: run.cpu,
  };
}

function statusSummary(result: autocannon.Result): string {
  const stats = (result as unknown as { statusCodeStats?: Record<string, { count: number }> })
    .statusCodeStats;
  if (!stats) return 'no status codes recorded';
  return Object.entries(stats)
    .map(([status, { count }]) => `${status}×${count}`)
    .join(', ');
}

/** Fails loudly unless every response had the expected status class and nothing errored. */
function verify(label: string, result: autocannon.Result, expected: '2xx' | '3xx'): void {
  const classes = ['1xx', '2xx', '3xx', '4xx', '5xx'] as const;
  const unexpected = classes
    .filter((statusClass) => statusClass !== expected)
    .reduce((sum, statusClass) => sum + result[statusClass], 0);
  const problems: string[] = [];
  if (result[expected] === 0) problems.push(`no ${expected} response at all`);
  if (unexpected > 0) problems.push(`${unexpected} responses outside ${expected}`);
  if (result.errors > 0) problems.push(`${result.errors} connection errors`);
  if (result.timeouts > 0) problems.push(`${result.timeouts} timeouts`);
  if (problems.length > 0) {
    throw new Error(`${label}: ${problems.join('; ')} (status codes: ${statusSummary(result)})`);
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

const fixed = (value: number | undefined, digits: number): string =>
  value === undefined ? 'n/a' : value.toFixed(digits);

function printTable(headers: string[], rows: string[][]): void {
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...rows.map((row) => row[column].length)),
  );
  const line = (cells: string[]): string =>
    `| ${cells.map((cell, column) => cell.padEnd(widths[column])).join(' | ')} |`;
  console.log(line(headers));
  console.log(`| ${widths.map((width) => '-'.repeat(width)).join(' | ')} |`);
  for (const row of rows) console.log(line(row));
}

// ---------------------------------------------------------------------------------------------
// Clean-up: children, RabbitMQ topology, database. Idempotent, every step bounded in time.

function cleanup(): Promise<boolean> {
  cleanupPromise ??= runCleanup();
  return cleanupPromise;
}

async function runCleanup(): Promise<boolean> {
  let ok = true;
  const step = async (what: string, action: () => Promise<void>): Promise<void> => {
    try {
      await withTimeout(action(), CLEANUP_STEP_TIMEOUT_MS, what);
      log(`clean-up: ${what}: done`);
    } catch (error) {
      ok = false;
      console.error(`[bench] clean-up: ${what} FAILED: ${(error as Error).message}`);
    }
  };
  for (const child of [...children].reverse()) {
    if (isRunning(child)) await step(`stop ${child.name}`, () => stopChild(child));
  }
  if (gatewayStarted) {
    await step(`delete RabbitMQ queues and exchanges ${name}.*`, deleteTopology);
  }
  if (migrationStarted) {
    await step(`drop database ${name}`, async () => {
      const connection = await mysql.createConnection({ ...dbConnection, connectTimeout: 5_000 });
      try {
        await connection.query(`DROP DATABASE IF EXISTS \`${name}\``);
      } finally {
        await connection.end();
      }
    });
  }
  return ok;
}

async function deleteTopology(): Promise<void> {
  const queues = [
    `${name}.analytics`,
    `${name}.analytics.dead`,
    `${name}.analytics.retry.1`,
    `${name}.analytics.retry.2`,
    `${name}.analytics.retry.3`,
  ];
  const exchanges = [`${name}.events`, `${name}.dead-letter`];
  const connection = await amqp.connect(amqpUrl, { timeout: 5_000 });
  connection.on('error', () => {});
  const failures: string[] = [];
  try {
    // A channel per deletion: a failed one closes its channel, not the next deletions'.
    const attempt = async (what: string, action: (channel: Channel) => Promise<unknown>) => {
      const channel = await connection.createChannel();
      channel.on('error', () => {});
      try {
        await action(channel);
        await channel.close();
      } catch (error) {
        failures.push(`${what}: ${(error as Error).message}`);
      }
    };
    for (const queue of queues) {
      await attempt(`queue ${queue}`, (channel) => channel.deleteQueue(queue));
    }
    for (const exchange of exchanges) {
      await attempt(`exchange ${exchange}`, (channel) => channel.deleteExchange(exchange));
    }
  } finally {
    await connection.close();
  }
  if (failures.length > 0) throw new Error(failures.join('; '));
}

// ---------------------------------------------------------------------------------------------
// The benchmark

async function bench(settings: Settings): Promise<void> {
  const { durationS, rounds, connections, createConnections, warmupS } = settings;
  const cpus = os.cpus();
  log(`run ${runId}: database and AMQP prefix ${name}`);
  console.log(`node ${process.version}, ${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} cores`);
  console.log(
    `date ${new Date().toISOString()}, load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  console.log(
    `settings: ${rounds} rounds × ${durationS} s per server, ${connections} connections; ` +
      `creation ${durationS} s, ${createConnections} connections; warm-up ${warmupS} s`,
  );

  const port = await freePort();
  const gatewayBase = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    PORT: String(port),
    DB_NAME: name,
    AMQP_PREFIX: name,
    JWT_SECRET: randomBytes(32).toString('hex'),
    PUBLIC_BASE_URL: gatewayBase,
    // Measure the path, not the limiter's verdict: the load comes from one IP.
    RATE_LIMIT_MAX: '1000000000',
    SHUTDOWN_TIMEOUT_MS: '5000',
  };

  log('migrating the database');
  migrationStarted = true;
  const migration = startChild('migration', [MIGRATE_MAIN], env);
  await withTimeout(migration.exited, MIGRATION_TIMEOUT_MS, 'migration');
  if (migration.process.exitCode !== 0) throw new Error(describeExit(migration));

  log(`starting the gateway on port ${port}`);
  gatewayStarted = true;
  const gateway = startChild('gateway', [GATEWAY_MAIN], env);
  await waitReady(gateway, `${gatewayBase}/health/ready`);

  const created = await fetch(`${gatewayBase}/api/links`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ url: TARGET_URL }),
    signal: AbortSignal.timeout(HTTP_TIMEOUT_MS),
  });
  const link = (await created.json()) as { slug?: string; url?: string };
  if (created.status !== 201 || !link.slug || link.url !== TARGET_URL) {
    throw new Error(`POST /api/links: expected 201 with a slug, got ${created.status}`);
  }
  const slug = link.slug;

  log('starting the ceiling server');
  const ceiling = startChild(
    'ceiling',
    [CEILING_SERVER],
    { ...process.env, BENCH_CEILING_LINKS: JSON.stringify({ [slug]: TARGET_URL }) },
    true,
  );
  const ceilingPort = await withTimeout(
    new Promise<number>((resolve, reject) => {
      ceiling.process.once('message', (message) => resolve((message as { port: number }).port));
      ceiling.exited.then(() => reject(new Error(describeExit(ceiling))));
    }),
    READY_TIMEOUT_MS,
    'ceiling server start',
  );
  const ceilingBase = `http://127.0.0.1:${ceilingPort}`;

  await checkRedirect(gatewayBase, slug, TARGET_URL);
  await checkRedirect(ceilingBase, slug, TARGET_URL);

  const redirectTargets = [
    { scenario: 'ceiling: bare node:http 302', url: `${ceilingBase}/${slug}`, server: ceiling },
    { scenario: 'gateway: GET /:slug 302', url: `${gatewayBase}/${slug}`, server: gateway },
  ];
  const createOptions = {
    url: `${gatewayBase}/api/links`,
    method: 'POST' as const,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ url: TARGET_URL }),
    connections: createConnections,
  };

  log(`warming up (${warmupS} s per server)`);
  for (const target of redirectTargets) {
    const { result } = await load(
      { url: target.url, connections, duration: warmupS, title: `warm-up ${target.scenario}` },
      target.server,
    );
    verify(`warm-up ${target.scenario}`, result, '3xx');
  }
  const warmCreate = await load(
    { ...createOptions, duration: Math.max(1, Math.round(warmupS / 2)), title: 'warm-up create' },
    gateway,
  );
  verify('warm-up POST /api/links', warmCreate.result, '2xx');

  const measurements: Measurement[] = [];
  const ratios: number[] = [];
  /** Ceiling CPU per request ÷ gateway CPU per request: the same ratio, less sensitive to noise. */
  const cpuRatios: (number | undefined)[] = [];
  for (let round = 1; round <= rounds; round++) {
    // Alternate the order, so neither server always runs right after the other's load.
    const ordered = round % 2 === 1 ? redirectTargets : [...redirectTargets].reverse();
    const byScenario = new Map<string, Measurement>();
    for (const target of ordered) {
      log(`round ${round}/${rounds}: ${target.scenario}`);
      const run = await load(
        { url: target.url, connections, duration: durationS, title: target.scenario },
        target.server,
      );
      verify(`round ${round} ${target.scenario}`, run.result, '3xx');
      const measurement = toMeasurement(target.scenario, round, run);
      measurements.push(measurement);
      byScenario.set(target.scenario, measurement);
    }
    const ceilingRun = byScenario.get(redirectTargets[0].scenario) as Measurement;
    const gatewayRun = byScenario.get(redirectTargets[1].scenario) as Measurement;
    ratios.push(gatewayRun.requestsPerSecond / ceilingRun.requestsPerSecond);
    const ceilingUs = ceilingRun.cpu.serverUsPerRequest;
    const gatewayUs = gatewayRun.cpu.serverUsPerRequest;
    cpuRatios.push(ceilingUs && gatewayUs ? ceilingUs / gatewayUs : undefined);
  }

  log(`link creation: POST /api/links, ${createConnections} connections`);
  const createRun = await load({ ...createOptions, duration: durationS, title: 'create' }, gateway);
  verify('POST /api/links', createRun.result, '2xx');
  measurements.push(toMeasurement('gateway: POST /api/links 201', undefined, createRun));

  await checkRedirect(gatewayBase, slug, TARGET_URL);
  assertRunning(gateway);

  console.log('');
  console.log(`node ${process.version}, ${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} cores`);
  console.log(`date ${new Date().toISOString()}`);
  console.log('');
  printTable(
    [
      'scenario',
      'round',
      'conns',
      'requests/s',
      'p50 ms',
      'p99 ms',
      'server CPU %',
      'server CPU µs/req',
      'bench CPU %',
      'other CPU %',
    ],
    measurements.map((m) => [
      m.scenario,
      m.round === undefined ? '-' : String(m.round),
      String(m.round === undefined ? createConnections : connections),
      m.requestsPerSecond.toFixed(0),
      String(m.p50),
      String(m.p99),
      fixed(m.cpu.server, 0),
      fixed(m.cpu.serverUsPerRequest, 0),
      fixed(m.cpu.loadGenerator, 0),
      fixed(m.cpu.rest, 0),
    ]),
  );
  console.log('');
  console.log(
    'CPU % is of one core (the machine has ' +
      `${cpus.length * 100} %); "other" is every process but the server and this bench ` +
      '(RabbitMQ, MySQL, anything else running).',
  );
  console.log('');
  printTable(
    ['round', 'gateway/ceiling requests/s', 'ceiling/gateway server CPU per request'],
    ratios.map((ratio, index) => [String(index + 1), ratio.toFixed(2), fixed(cpuRatios[index], 2)]),
  );
  const medianRatio = median(ratios);
  console.log('');
  if (gateway.lineCount > 0) {
    console.log(`note: the gateway wrote ${gateway.lineCount} log lines at warn level or above;`);
    console.log(`  last: ${gateway.output.at(-1)}`);
  }
  console.log(
    `redirect ratio gateway/ceiling: ${medianRatio.toFixed(2)} (median of ${rounds} round${rounds === 1 ? '' : 's'})`,
  );
  if (settings.minRatio !== undefined && medianRatio < settings.minRatio) {
    throw new Error(`median ratio ${medianRatio.toFixed(2)} is below BENCH_MIN_RATIO`);
  }
}

// ---------------------------------------------------------------------------------------------
// Entry: a time budget, signals, and clean-up whatever happens.

async function main(): Promise<number> {
  let settings: Settings;
  try {
    settings = readSettings();
  } catch (error) {
    console.error(`[bench] ${(error as Error).message}`);
    return 1;
  }
  const perRunS = settings.durationS + 1;
  const budgetMs =
    (settings.warmupS * 3 + settings.rounds * 2 * perRunS + perRunS) * 1000 +
    MIGRATION_TIMEOUT_MS +
    READY_TIMEOUT_MS * 2 +
    60_000;
  const abort = (reason: string, code: number): void => {
    console.error(`[bench] ${reason}: cleaning up and exiting`);
    void withTimeout(cleanup(), 60_000, 'clean-up')
      .catch((error: Error) => console.error(`[bench] ${error.message}`))
      .finally(() => process.exit(code));
  };
  const watchdog = setTimeout(
    () => abort(`time budget of ${Math.round(budgetMs / 1000)} s exceeded`, 1),
    budgetMs,
  );
  process.once('SIGINT', () => abort('interrupted', 130));
  process.once('SIGTERM', () => abort('terminated', 143));

  let failed = false;
  try {
    await bench(settings);
  } catch (error) {
    failed = true;
    console.error(`[bench] FAILED: ${(error as Error).message}`);
  } finally {
    if (!(await cleanup())) failed = true;
    clearTimeout(watchdog);
  }
  return failed ? 1 : 0;
}

process.exit(await main());
