// What the bench prints: the setup before the runs, the figures and ratios after them.
import os from 'node:os';
import type { Child } from './child-processes.mts';
import type { Measurement } from './load-run.mts';
import type { Settings } from './settings.mts';

/** One interleaved round: both redirect runs, and how the gateway compares with the ceiling. */
export interface RoundResult {
  measurements: Measurement[];
  /** Gateway requests/s ÷ ceiling requests/s. */
  ratio: number;
  /** Ceiling CPU per request ÷ gateway CPU per request: the same ratio, less sensitive to noise. */
  cpuRatio: number | undefined;
}

export interface Report {
  settings: Settings;
  rounds: RoundResult[];
  create: Measurement;
  gateway: Child;
  medianRatio: number;
}

export function printSetup({
  durationS,
  rounds,
  connections,
  createConnections,
  warmupS,
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
}

export function printReport(report: Report): void {
  console.log('');
  console.log(machineLine());
  console.log(`date ${new Date().toISOString()}`);
  console.log('');
  printMeasurements(report);
  console.log('');
  printTable(
    ['round', 'gateway/ceiling requests/s', 'ceiling/gateway server CPU per request'],
    report.rounds.map((round, index) => [
      String(index + 1),
      round.ratio.toFixed(2),
      fixed(round.cpuRatio, 2),
    ]),
  );
  console.log('');
  const { gateway, medianRatio, rounds } = report;
  if (gateway.lineCount > 0) {
    console.log(`note: the gateway wrote ${gateway.lineCount} log lines at warn level or above;`);
    console.log(`  last: ${gateway.output.at(-1)}`);
  }
  console.log(
    `redirect ratio gateway/ceiling: ${medianRatio.toFixed(2)} (median of ${rounds.length} round${rounds.length === 1 ? '' : 's'})`,
  );
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
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
      fixed(m.cpu.loadGenerator, 0),
      fixed(m.cpu.rest, 0),
    ]),
  );
  console.log('');
  console.log(
    'CPU % is of one core (the machine has ' +
      `${os.cpus().length * 100} %); "other" is every process but the server and this bench ` +
      '(RabbitMQ, MySQL, anything else running).',
  );
}

function machineLine(): string {
  const cpus = os.cpus();
  return `node ${process.version}, ${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} cores`;
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
