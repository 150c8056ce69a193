// The open-loop load generator of `npm run bench:connections`, a child process of the bench
// (open-loop-run.mts), so that its CPU is apart from the servers' and the bench's. It holds
// `connections` keep-alive connections to one server on 127.0.0.1 and sends `GET <path>` on a
// fixed schedule: request k is due at start + k / rate, on connection k mod connections,
// whatever the answers do (open loop). Latency counts from the due time (open-loop-tally.mts).
//
// Phases: a ramp (connections open at an even pace, at most MAX_OPENING at a time, each open
// only once it answered a first request: a connect completes in the kernel before the server
// accepts it, so this is what keeps the server's accept backlog, 511 by default, from
// overflowing; the schedule skips connections not open yet), a warm-up at the full rate, the
// measured window, then a bounded drain. It reports 'measuring' and 'measured' as the window
// opens and closes, then its result, over IPC, and exits by itself within its time budget.
import { readFileSync } from 'node:fs';
import { OpenLoopConnection } from './open-loop-connection.mts';
import {
  DRAIN_S,
  generatorBudgetS,
  MAX_OPENING,
  rampTimeoutS,
  type OpenLoopConfig,
  type OpenLoopMessage,
} from './open-loop-protocol.mts';
import { OpenLoopTally, type OpenLoopResult } from './open-loop-tally.mts';

const TICK_MS = 1;
// A browser's, so that the worker classifies the visits as people's (as most are).
const USER_AGENT = 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0';

const config = JSON.parse(process.env.BENCH_OPEN_LOOP ?? '{}') as OpenLoopConfig;
const { connections: count, rate, rampS, warmupS, durationS } = config;
const send = (message: OpenLoopMessage): Promise<void> =>
  new Promise((resolve) => (process.send ? process.send(message, () => resolve()) : resolve()));
const tally = new OpenLoopTally();
const intervalMs = 1000 / rate;
const startMs = performance.now();
const joined = new Uint8Array(count);
let joinedCount = 0;
let opened = 0;
let opening = 0;
let rampMs = Infinity;
let measureStartMs = Infinity;
let measureEndMs = Infinity;
let measuredDue = 0;
let answeredInWindow = 0;
let next = 0;
let cpuAtStart: { usage: NodeJS.CpuUsage; atMs: number } | undefined;
let generatorCpuPercent = 0;

const request = Buffer.from(
  `GET ${config.path} HTTP/1.1\r\nHost: 127.0.0.1:${config.port}\r\nUser-Agent: ${USER_AGENT}\r\n\r\n`,
  'latin1',
);
const connections = Array.from({ length: count }, (_, index) => {
  const connection: OpenLoopConnection = new OpenLoopConnection(config.port, request, {
    answered(dueMs, status, sentMs, doneMs) {
      if (!joined[index]) join(index, doneMs);
      tally.answered(status, doneMs - dueMs, doneMs - sentMs, dueMs >= measureStartMs);
      if (doneMs >= measureStartMs && doneMs < measureEndMs) answeredInWindow++;
    },
    failed(dueMs, reason) {
      tally.failed(reason, dueMs >= measureStartMs);
      // Its first request again, for when it has reopened.
      if (!joined[index]) connection.enqueue(performance.now());
    },
    broke: (reason) => tally.broke(reason),
  });
  return connection;
});

function join(index: number, atMs: number): void {
  joined[index] = 1;
  joinedCount++;
  opening--;
  if (joinedCount < count) return;
  rampMs = atMs - startMs;
  measureStartMs = atMs + warmupS * 1000;
  measureEndMs = measureStartMs + durationS * 1000;
}

function openMore(nowMs: number): void {
  const due = Math.min(count, Math.ceil(((nowMs - startMs) / (rampS * 1000)) * count));
  while (opened < due && opening < MAX_OPENING) {
    const connection = connections[opened++];
    opening++;
    connection.enqueue(nowMs);
    connection.open();
  }
}

function tick(): void {
  const nowMs = performance.now();
  if (opened < count) openMore(nowMs);
  if (joinedCount < count && nowMs - startMs > rampTimeoutS(rampS) * 1000) {
    return fail(`only ${joinedCount} of ${count} connections open after ${rampTimeoutS(rampS)} s`);
  }
  if (cpuAtStart === undefined && nowMs >= measureStartMs) {
    cpuAtStart = { usage: process.cpuUsage(), atMs: nowMs };
    void send({ type: 'measuring' });
  }
  for (
    let dueMs = startMs + next * intervalMs;
    dueMs <= nowMs;
    dueMs = startMs + next * intervalMs
  ) {
    if (dueMs >= measureEndMs) return void drain();
    const index = next++ % count;
    if (!joined[index]) continue;
    if (dueMs >= measureStartMs) measuredDue++;
    tally.dispatched(nowMs - dueMs);
    connections[index].enqueue(dueMs);
  }
  setTimeout(tick, TICK_MS);
}

async function drain(): Promise<void> {
  const used = process.cpuUsage(cpuAtStart?.usage);
  const wallMs = performance.now() - (cpuAtStart?.atMs ?? startMs);
  generatorCpuPercent = ((used.user + used.system) / 1000 / wallMs) * 100;
  void send({ type: 'measured' });
  const deadline = performance.now() + DRAIN_S * 1000;
  while (outstanding() > 0 && performance.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const unanswered = outstanding();
  for (const connection of connections) connection.stop();
  await send({ type: 'result', result: result(unanswered) });
  process.disconnect?.();
}

const outstanding = (): number => connections.reduce((sum, c) => sum + c.outstanding, 0);

function result(unanswered: number): OpenLoopResult {
  return {
    measuredDue,
    answeredInWindow,
    measured: tally.measured,
    latencyMs: tally.latencyMs(),
    serviceMs: tally.serviceMs(),
    all: tally.all,
    unanswered,
    breaks: tally.breaks,
    rampMs,
    dispatchLagMs: tally.dispatchLagMs(),
    generatorCpuPercent,
  };
}

function fail(message: string): void {
  void send({ type: 'error', message }).finally(() => process.exit(1));
}

/** Node raises its soft limit to the hard one at start; a hard limit below this fails now. */
function openFilesLimit(): number {
  const line = readFileSync('/proc/self/limits', 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith('Max open files'));
  return Number(line?.split(/\s+/)[3] ?? Infinity);
}

process.on('disconnect', () => process.exit(0));
const openFiles = openFilesLimit();
if (openFiles < count + 256) {
  fail(`${count} connections need an open-files limit above ${count + 256}, not ${openFiles}`);
} else {
  setTimeout(() => fail('the time budget ran out'), generatorBudgetS(config) * 1000).unref();
  tick();
}
