// One autocannon run against a server process: its figures, the server's CPU use meanwhile (and
// its OTLP receiver's, when traced), the spans it exported, and the check that every answer had
// the expected status class.
import autocannon from 'autocannon';
import { assertRunning, type Child } from './child-processes.mts';
import { cpuSample, cpuShare, type CpuShare } from './cpu-sampling.mts';
import { receiverStats, settleExports } from './otlp-receivers.mts';
import type { Server } from './servers.mts';
import { withTimeout } from './with-timeout.mts';

export interface LoadRun {
  result: autocannon.Result;
  cpu: CpuShare;
  /** Spans the receiver got from the run, once the exports settled; undefined untraced. */
  spans: number | undefined;
  /** Lines the server wrote from the start of the run until its exports settled. */
  logLines: number;
  errorLines: number;
}

export interface Measurement {
  scenario: string;
  round: number | undefined;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  total: number;
  cpu: CpuShare;
  spans: number | undefined;
  logLines: number;
  errorLines: number;
}

/**
 * With a `receiver`, the run lasts until the server's exports have settled (otlp-receivers.mts):
 * the span count and the CPU per request then include the export of the run's last spans.
 */
export async function load(
  options: autocannon.Options,
  server: Child,
  receiver?: Server,
): Promise<LoadRun> {
  assertRunning(server);
  const receiverPid = receiver?.child.process.pid;
  // The previous run of this server settled its exports already.
  const spansBefore = receiver ? (await receiverStats(receiver)).spans : undefined;
  const linesBefore = { all: server.lineCount, errors: server.errorLineCount };
  const before = cpuSample(server.process.pid, receiverPid);
  const result = await runAutocannon(options);
  const after = cpuSample(server.process.pid, receiverPid);
  const spansAfter = receiver ? (await settleExports(receiver)).spans : undefined;
  const settled = receiver ? cpuSample(server.process.pid, receiverPid) : after;
  assertRunning(server);
  return {
    result,
    cpu: cpuShare(before, after, settled, result.requests.total),
    spans: spansAfter === undefined ? undefined : spansAfter - (spansBefore ?? 0),
    logLines: server.lineCount - linesBefore.all,
    errorLines: server.errorLineCount - linesBefore.errors,
  };
}

/** One autocannon run, stopped if it outlasts its duration by 20 s. */
export async function runAutocannon(options: autocannon.Options): Promise<autocannon.Result> {
  let instance: autocannon.Instance | undefined;
  const run = new Promise<autocannon.Result>((resolve, reject) => {
    instance = autocannon(options, (error: Error | null, result: autocannon.Result) =>
      error ? reject(error) : resolve(result),
    );
  });
  const limitMs = ((options.duration as number) + 20) * 1000;
  try {
    return await withTimeout(run, limitMs, `load run ${options.title ?? ''}`);
  } catch (error) {
    instance?.stop();
    throw error;
  }
}

export function toMeasurement(
  scenario: string,
  round: number | undefined,
  run: LoadRun,
): Measurement {
  return {
    scenario,
    round,
    requestsPerSecond: run.result.requests.average,
    p50: run.result.latency.p50,
    p99: run.result.latency.p99,
    total: run.result.requests.total,
    cpu: run.cpu,
    spans: run.spans,
    logLines: run.logLines,
    errorLines: run.errorLines,
  };
}

/** Fails loudly unless every response had the expected status class and nothing errored. */
export function verify(label: string, result: autocannon.Result, expected: '2xx' | '3xx'): void {
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

function statusSummary(result: autocannon.Result): string {
  const stats = result.statusCodeStats;
  if (!stats) return 'no status codes recorded';
  return Object.entries(stats)
    .map(([status, { count }]) => `${status}×${count}`)
    .join(', ');
}
