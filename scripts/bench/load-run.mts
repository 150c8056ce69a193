// One autocannon run against a server process: its figures, the server's CPU use meanwhile, and
// the check that every answer had the expected status class.
import autocannon from 'autocannon';
import { assertRunning, type Child } from './child-processes.mts';
import { cpuSample, cpuShare, type CpuShare } from './cpu-sampling.mts';
import { withTimeout } from './with-timeout.mts';

export interface LoadRun {
  result: autocannon.Result;
  cpu: CpuShare;
}

export interface Measurement {
  scenario: string;
  round: number | undefined;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  total: number;
  cpu: CpuShare;
}

export async function load(options: autocannon.Options, server: Child): Promise<LoadRun> {
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
