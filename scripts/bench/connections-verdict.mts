// What fails bench:connections: any answer but a 302, a request without an answer, a broken
// connection, an error line from the gateway, a visit lost or counted twice; and, when asked
// (BENCH_CONNECTIONS_MAX_*), a p99 ratio or an RSS peak over its limit.
import { p99Ratio, type ConnectionsReport } from './connections-report.mts';
import { sumOf } from './open-loop-tally.mts';

export function connectionsProblems(
  report: ConnectionsReport,
  gatewayErrorLines: number,
): string[] {
  const { settings, runs, visits } = report;
  const problems: string[] = [];
  for (const { name, result } of runs) {
    const other = sumOf(result.all.statuses) - (result.all.statuses['302'] ?? 0);
    if (other > 0) problems.push(`${name}: ${other} answers were not 302`);
    const failed = sumOf(result.all.failures);
    if (failed > 0) problems.push(`${name}: ${failed} requests failed`);
    if (result.unanswered > 0) problems.push(`${name}: ${result.unanswered} requests unanswered`);
    const breaks = sumOf(result.breaks);
    if (breaks > 0) problems.push(`${name}: ${breaks} connections broke`);
  }
  if (gatewayErrorLines > 0) problems.push(`the gateway logged ${gatewayErrorLines} errors`);
  if (visits.dropped !== 0) problems.push(`events_dropped_total is ${visits.dropped ?? 'missing'}`);
  if (visits.stored !== visits.served) {
    problems.push(`the rollup counts ${visits.stored} visits for ${visits.served} 302s served`);
  }
  const ratio = p99Ratio(report);
  if (settings.maxP99Ratio !== undefined && !(ratio <= settings.maxP99Ratio)) {
    problems.push(`p99 ratio ${ratio.toFixed(2)} above BENCH_CONNECTIONS_MAX_P99_RATIO`);
  }
  const peak = report.runs[1].memoryAfter?.peak;
  if (settings.maxRssMb !== undefined && !(peak !== undefined && peak < settings.maxRssMb)) {
    problems.push(
      `gateway RSS peak ${peak ?? 'unknown'} MB, BENCH_CONNECTIONS_MAX_RSS_MB is ${settings.maxRssMb}`,
    );
  }
  return problems;
}
