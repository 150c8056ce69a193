// What the scale-out part prints: every run, with how the requests and the CPU spread over the
// processes; then per gateway count the median requests/s, its ratio to one gateway (per round,
// then the median), and where the machine's CPU went.
import os from 'node:os';
import { fixed, printTable } from './report.mts';
import type { ScaleOutRun } from './scale-out.mts';
import type { Settings } from './settings.mts';
import { median } from './summary.mts';

const sum = (values: number[]): number => values.reduce((total, value) => total + value, 0);

const share = (run: ScaleOutRun, name: string): number => run.cpu.get(name) ?? 0;

/** CPU % of each gateway behind the run's nginx (the idle ones count in "other"). */
const gatewayShares = (run: ScaleOutRun): number[] =>
  Array.from({ length: run.gateways }, (_, index) => share(run, `gateway ${index + 1}`));

/** CPU µs per request, from `percent` of one core over the run. */
const usPerRequest = (run: ScaleOutRun, percent: number): number =>
  ((percent / 100) * run.wallMs * 1000) / run.total;

const each = (values: number[]): string => values.map((value) => value.toFixed(0)).join(' / ');

export function printScaleOut({ connections, durationS, rounds }: Settings, runs: ScaleOutRun[]) {
  console.log('');
  console.log(
    `scale-out: GET /:slug through nginx, ${connections} connections, ${durationS} s per run, ` +
      `${rounds} rounds, on ${os.cpus().length} cores`,
  );
  printRuns(runs);
  console.log('');
  const rows = summaryRows(runs);
  printTable(
    [
      ...['gateways', 'requests/s', 'ratio to 1', 'per round', 'gateways CPU %', 'nginx CPU %'],
      ...['bench CPU %', 'machine busy %', 'gateways µs/req', 'nginx µs/req'],
    ],
    rows,
  );
  console.log('');
  console.log(
    `CPU % is of one core (the machine has ${os.cpus().length * 100} %); "bench" is the load ` +
      'generator; "other" is everything else (MySQL, RabbitMQ, the idle gateways and nginx ' +
      'instances). Medians over the rounds; "ratio to 1" is the median of the per-round ratios.',
  );
  const headline = rows
    .filter(([count]) => count !== '1')
    .map(([count, , ratio]) => `${count} gateways ${ratio}`)
    .join(', ');
  console.log(
    `scale-out redirects/s ratio to one gateway (median of ${rounds} rounds): ${headline}`,
  );
}

function printRuns(runs: ScaleOutRun[]): void {
  printTable(
    [
      ...['gateways', 'round', 'requests/s', 'p50 ms', 'p99 ms', 'answered % each'],
      ...['gateway CPU % each', 'nginx CPU %', 'bench CPU %', 'other CPU %'],
    ],
    runs.map((run) => [
      String(run.gateways),
      String(run.round),
      run.requestsPerSecond.toFixed(0),
      String(run.p50),
      String(run.p99),
      each(run.answered.map((count) => (100 * count) / sum(run.answered))),
      each(gatewayShares(run)),
      share(run, 'nginx').toFixed(0),
      share(run, 'bench').toFixed(0),
      fixed(run.cpu.get('other'), 0),
    ]),
  );
}

function summaryRows(runs: ScaleOutRun[]): string[][] {
  const counts = [...new Set(runs.map((run) => run.gateways))].sort((a, b) => a - b);
  return counts.map((count) => {
    const own = runs.filter((run) => run.gateways === count);
    const ratios = own.map((run) => {
      const one = runs.find((other) => other.gateways === 1 && other.round === run.round)!;
      return run.requestsPerSecond / one.requestsPerSecond;
    });
    const medianOf = (value: (run: ScaleOutRun) => number): string =>
      median(own.map(value)).toFixed(0);
    return [
      String(count),
      medianOf((run) => run.requestsPerSecond),
      median(ratios).toFixed(2),
      ratios.map((ratio) => ratio.toFixed(2)).join(' '),
      medianOf((run) => sum(gatewayShares(run))),
      medianOf((run) => share(run, 'nginx')),
      medianOf((run) => share(run, 'bench')),
      medianOf((run) => sum([...run.cpu.values()])),
      medianOf((run) => usPerRequest(run, sum(gatewayShares(run)))),
      medianOf((run) => usPerRequest(run, share(run, 'nginx'))),
    ];
  });
}
