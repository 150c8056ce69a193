// What bench:connections prints: the two runs side by side (latency from due time, answers,
// CPU, memory), the targets of issue 16, the visits check, and the generator's own health.
import os from 'node:os';
import { TARGETS, type ConnectionsSettings } from './connections-settings.mts';
import type { OpenLoopRun } from './open-loop-run.mts';
import { sumOf } from './open-loop-tally.mts';
import { fixed, machineLine, printTable } from './report.mts';
import type { VisitCheck } from './visit-check.mts';

export interface ConnectionsReport {
  settings: ConnectionsSettings;
  runs: [ceiling: OpenLoopRun, gateway: OpenLoopRun];
  visits: VisitCheck;
  /** Lines the gateway wrote during its run, the last of them. */
  gatewayLines: { count: number; last: string[] };
}

export const p99Ratio = ({ runs: [ceiling, gateway] }: ConnectionsReport): number =>
  gateway.result.latencyMs.p99 / ceiling.result.latencyMs.p99;

export function printConnectionsReport(report: ConnectionsReport): void {
  const { settings, runs, visits, gatewayLines } = report;
  console.log('');
  console.log(machineLine());
  console.log(
    `date ${new Date().toISOString()}, load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  console.log(
    `${settings.connections} connections, ${settings.rate} requests/s, ${settings.durationS} s ` +
      `measured after a ${settings.rampS} s ramp and ${settings.warmupS} s warm-up`,
  );
  printRuns(runs, settings);
  const [, gateway] = runs;
  const peak = gateway.memoryAfter?.peak;
  console.log('');
  console.log(
    `p99 gateway ÷ p99 ceiling: ${p99Ratio(report).toFixed(2)} (target ≤ ${TARGETS.p99Ratio})`,
  );
  console.log(`gateway RSS peak: ${fixed(peak, 0)} MB (target < ${TARGETS.rssMb} MB)`);
  console.log(
    `visits: ${visits.served} 302s served (the gateway counted ${visits.countedByGateway ?? 'n/a'}), ` +
      `${visits.stored} in the daily rollup, drained in ` +
      `${visits.drainMs === undefined ? 'never' : `${(visits.drainMs / 1000).toFixed(1)} s`}; ` +
      `events_dropped_total ${visits.dropped ?? 'n/a'}; published ${JSON.stringify(visits.published)}`,
  );
  console.log(`the gateway wrote ${gatewayLines.count} lines during its run`);
  for (const line of gatewayLines.last) console.log(`  ${line}`);
}

function printRuns(runs: OpenLoopRun[], settings: ConnectionsSettings): void {
  const mb = (value: number | undefined): string => fixed(value, 0);
  printTable(
    [
      'server',
      'due',
      'answers/s',
      '302',
      'other',
      'failed',
      'unanswered',
      'breaks',
      'p50 ms',
      'p99 ms',
      'p99.9 ms',
      'max ms',
      'CPU %',
      'CPU µs/req',
      'RSS before / end / peak MB',
    ],
    runs.map(({ name, result, ...run }) => [
      name,
      String(result.measuredDue),
      (result.answeredInWindow / settings.durationS).toFixed(0),
      String(result.measured.statuses['302'] ?? 0),
      String(sumOf(result.all.statuses) - (result.all.statuses['302'] ?? 0)),
      String(sumOf(result.all.failures)),
      String(result.unanswered),
      String(sumOf(result.breaks)),
      fixed(result.latencyMs.p50, 2),
      fixed(result.latencyMs.p99, 2),
      fixed(result.latencyMs.p999, 2),
      fixed(result.latencyMs.max, 1),
      fixed(run.serverCpuPercent, 0),
      fixed(run.serverUsPerRequest, 0),
      `${mb(run.memoryBefore?.rss)} / ${mb(run.memoryAtEnd?.rss)} / ${mb(run.memoryAfter?.peak)}`,
    ]),
  );
  console.log('');
  console.log(
    'due, 302, p*: the measured window; latency from when each request was due. other, failed, ' +
      'unanswered, breaks: the whole run (ramp and warm-up too). CPU: the server, over the window.',
  );
  for (const { name, result, otherCpuPercent, listenOverflows } of runs) {
    const lag = result.dispatchLagMs;
    const service = result.serviceMs;
    console.log(
      `${name}: from the write, p50 ${service.p50.toFixed(2)} / p99 ${service.p99.toFixed(2)} / ` +
        `p99.9 ${service.p999.toFixed(2)} ms; ramp ${(result.rampMs / 1000).toFixed(1)} s; generator CPU ${result.generatorCpuPercent.toFixed(0)} %, ` +
        `dispatch lag p50 ${lag.p50.toFixed(2)} / p99 ${lag.p99.toFixed(2)} / max ${lag.max.toFixed(1)} ms; ` +
        `other processes ${fixed(otherCpuPercent, 0)} % CPU; ` +
        `accept-queue overflows (machine-wide) ${listenOverflows ?? 'n/a'}` +
        describe(' statuses', result.all.statuses) +
        describe(' failures', result.all.failures) +
        describe(' breaks', result.breaks),
    );
  }
}

const describe = (label: string, counts: Record<string, number>): string =>
  Object.keys(counts).length === 0 ? '' : `;${label} ${JSON.stringify(counts)}`;
