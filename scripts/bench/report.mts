// What the bench prints: the setup before the runs, the figures and ratios after them.
import os from 'node:os';
import type { Child } from './child-processes.mts';
import type { Measurement } from './load-run.mts';
import type { Settings } from './settings.mts';
import { median, medianOf, type RoundResult, type VariantSummary } from './summary.mts';

export interface Report {
  settings: Settings;
  rounds: RoundResult[];
  create: Measurement;
  summaries: VariantSummary[];
  /** By variant name. */
  gateways: Map<string, Child>;
}

export function printSetup({
  durationS,
  rounds,
  connections,
  createConnections,
  warmupS,
  variants,
}: Settings): void {
  console.log(machineLine());
  const loadAverage = os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
  console.log(`date ${new Date().toISOString()}, load average ${loadAverage}`);
  console.log(
    `settings: ${rounds} rounds × ${durationS} s per server, ${connections} connections; ` +
      `creation ${durationS} s, ${createConnections} connections; warm-up ${warmupS} s`,
  );
  console.log(`gateway variants: ${variants.map((variant) => variant.name).join(', ')}`);
}

export function printReport(report: Report): void {
  console.log('');
  console.log(machineLine());
  console.log(`date ${new Date().toISOString()}`);
  console.log('');
  printMeasurements(report);
  console.log('');
  printRoundRatios(report);
  console.log('');
  printThroughput(report);
  console.log('');
  printSignals(report);
  console.log('');
  const { summaries, rounds, gateways } = report;
  for (const summary of summaries) {
    if (summary.logLines === 0) continue;
    const child = gateways.get(summary.variant.name);
    console.log(`note: "${summary.variant.name}" wrote ${summary.logLines} lines during the runs;`);
    console.log(`  its last line: ${child?.output.at(-1)}`);
    if (summary.errorLines > 0) console.log(`  its last error: ${child?.lastErrorLine}`);
  }
  const headline = summaries
    .map((summary) => `${summary.variant.name} ${summary.medianRatio.toFixed(2)}`)
    .join(', ');
  console.log(
    `redirect ratio gateway/ceiling (median of ${rounds.length} round${rounds.length === 1 ? '' : 's'}): ${headline}`,
  );
}

function printMeasurements({ settings, rounds, create }: Report): void {
  const measurements = [...rounds.flatMap((round) => round.measurements), create];
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
      'spans/req',
      'receiver CPU %',
      'bench CPU %',
      'other CPU %',
    ],
    measurements.map((m) => [
      m.scenario,
      m.round === undefined ? '-' : String(m.round),
      String(m.round === undefined ? settings.createConnections : settings.connections),
      m.requestsPerSecond.toFixed(0),
      String(m.p50),
      String(m.p99),
      fixed(m.cpu.server, 0),
      fixed(m.cpu.serverUsPerRequest, 0),
      m.spans === undefined ? '-' : fixed(m.spans / m.total, 2),
      m.cpu.receiver === undefined ? '-' : fixed(m.cpu.receiver, 0),
      fixed(m.cpu.loadGenerator, 0),
      fixed(m.cpu.rest, 0),
    ]),
  );
  console.log('');
  console.log(
    'CPU % is of one core (the machine has ' +
      `${os.cpus().length * 100} %); "other" is every process but the server, its OTLP receiver ` +
      'and this bench (RabbitMQ, MySQL, the idle gateways, anything else running). Server CPU ' +
      'µs/req and spans/req count until the last span of the run was exported.',
  );
}

function printRoundRatios({ rounds, summaries }: Report): void {
  printTable(
    [
      'round',
      ...summaries.flatMap(({ variant }) => [`${variant.name} req/s`, `${variant.name} CPU/req`]),
    ],
    rounds.map((_round, index) => [
      String(index + 1),
      ...summaries.flatMap((summary) => [
        summary.ratios[index].toFixed(2),
        fixed(summary.cpuRatios[index], 2),
      ]),
    ]),
  );
  console.log('');
  console.log(
    'Per round: gateway requests/s ÷ ceiling requests/s, and ceiling CPU per request ÷ ' +
      'gateway CPU per request (the same ratio, less sensitive to noise); the ceiling is the ' +
      'mean of its runs right before and right after the gateway run.',
  );
}

function printThroughput({ rounds, summaries }: Report): void {
  const ceilingRuns = rounds.flatMap((round) => round.ceilingRuns);
  printTable(
    [
      'server',
      'ratio to ceiling',
      'target',
      'ratio to baseline',
      'requests/s',
      'p50 ms',
      'p99 ms',
      'server CPU µs/req',
      'vs baseline µs/req',
    ],
    [
      [
        'ceiling',
        '1.00',
        '-',
        '-',
        median(ceilingRuns.map((m) => m.requestsPerSecond)).toFixed(0),
        String(median(ceilingRuns.map((m) => m.p50))),
        String(median(ceilingRuns.map((m) => m.p99))),
        fixed(medianOf(ceilingRuns.map((m) => m.cpu.serverUsPerRequest)), 0),
        '-',
      ],
      ...summaries.map((s) => [
        s.variant.name,
        s.medianRatio.toFixed(2),
        s.variant.target === undefined ? '-' : `≥ ${s.variant.target.toFixed(2)}`,
        fixed(s.ratioToBaseline, 2),
        s.requestsPerSecond.toFixed(0),
        String(s.p50),
        String(s.p99),
        fixed(s.serverUsPerRequest, 0),
        s.extraUsPerRequest === undefined ? '-' : signed(s.extraUsPerRequest),
      ]),
    ],
  );
  console.log('');
  console.log('Medians over the rounds; the ratios are medians of the per-round ratios.');
}

function printSignals({ summaries }: Report): void {
  printTable(
    [
      'gateway',
      'log level',
      'sampler',
      'log lines in runs',
      'spans received',
      'spans/req',
      'receiver CPU µs/req',
      'dropped (metric)',
      'dropped (diagnostics)',
    ],
    summaries.map((s) => [
      s.variant.name,
      s.variant.logLevel,
      s.variant.tracing ? (s.variant.tracing.sampler ?? 'default') : 'tracing off',
      String(s.logLines),
      s.spans === undefined ? '-' : String(s.spans),
      s.spans === undefined ? '-' : (s.spans / s.requests).toFixed(3),
      s.variant.tracing ? fixed(s.receiverUsPerRequest, 1) : '-',
      s.tracing ? String(s.tracing.dropped) : '-',
      s.tracing ? String(s.tracing.droppedInDiagnostics) : '-',
    ]),
  );
  console.log('');
  console.log(
    'Dropped spans: otel_spans_dropped_total read from /metrics after the runs, and the sum of ' +
      'the SDK\'s "Dropped N spans" warnings in the gateway\'s output.',
  );
}

export function machineLine(): string {
  const cpus = os.cpus();
  return `node ${process.version}, ${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} cores`;
}

export const fixed = (value: number | undefined, digits: number): string =>
  value === undefined ? 'n/a' : value.toFixed(digits);

const signed = (value: number): string => `${value >= 0 ? '+' : ''}${value.toFixed(0)}`;

export function printTable(headers: string[], rows: string[][]): void {
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...rows.map((row) => row[column].length)),
  );
  const line = (cells: string[]): string =>
    `| ${cells.map((cell, column) => cell.padEnd(widths[column])).join(' | ')} |`;
  console.log(line(headers));
  console.log(`| ${widths.map((width) => '-'.repeat(width)).join(' | ')} |`);
  for (const row of rows) console.log(line(row));
}
