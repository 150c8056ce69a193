// From the rounds to one line per gateway variant: medians of its figures, its ratio to the
// ceiling measured in the same round, and what it costs next to the baseline gateway.
import type { GatewayVariant } from './gateway-variants.mts';
import type { Measurement } from './load-run.mts';

/** One interleaved round: each gateway variant's run between two runs of the ceiling. */
export interface RoundResult {
  /** In the order they ran. */
  measurements: Measurement[];
  /** Every run of the ceiling in the round. */
  ceilingRuns: Measurement[];
  /** By variant name. */
  gateways: Map<string, Measurement>;
  /** By variant name: the mean of the ceiling runs right before and right after the variant's. */
  ceilings: Map<string, Ceiling>;
}

export interface Ceiling {
  requestsPerSecond: number;
  serverUsPerRequest: number | undefined;
}

/** What the bench read back from a traced gateway and its receiver after the rounds. */
export interface TracingCheck {
  /** `otel_spans_dropped_total` from the gateway's `/metrics`. */
  dropped: number;
  /** What the SDK's "Dropped N spans" diagnostics in the gateway's output add up to. */
  droppedInDiagnostics: number;
  /** Bodies the receiver could not count. */
  invalidBodies: number;
  lastInvalid: string;
}

export interface VariantSummary {
  variant: GatewayVariant;
  /** Gateway requests/s ÷ ceiling requests/s, per round. */
  ratios: number[];
  /** Ceiling CPU per request ÷ gateway CPU per request, per round: less sensitive to noise. */
  cpuRatios: (number | undefined)[];
  medianRatio: number;
  /** Gateway requests/s ÷ baseline gateway requests/s in the same round (median). */
  ratioToBaseline: number | undefined;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  serverUsPerRequest: number | undefined;
  /** Server CPU per request minus the baseline's (medians). */
  extraUsPerRequest: number | undefined;
  receiverUsPerRequest: number | undefined;
  /** Summed over the measured rounds. */
  requests: number;
  spans: number | undefined;
  logLines: number;
  errorLines: number;
  tracing: TracingCheck | undefined;
}

export const BASELINE = 'baseline';

export function summarize(
  variants: GatewayVariant[],
  rounds: RoundResult[],
  tracingChecks: Map<string, TracingCheck>,
): VariantSummary[] {
  const runsOf = (name: string): Measurement[] => rounds.map((round) => round.gateways.get(name)!);
  const baselineRuns = variants.some((variant) => variant.name === BASELINE)
    ? runsOf(BASELINE)
    : undefined;
  const baselineUs = baselineRuns && medianOf(baselineRuns.map((m) => m.cpu.serverUsPerRequest));
  return variants.map((variant) => {
    const runs = runsOf(variant.name);
    const ceilings = rounds.map((round) => round.ceilings.get(variant.name)!);
    const ratios = runs.map(
      (run, index) => run.requestsPerSecond / ceilings[index].requestsPerSecond,
    );
    const serverUsPerRequest = medianOf(runs.map((run) => run.cpu.serverUsPerRequest));
    return {
      variant,
      ratios,
      cpuRatios: runs.map((run, index) =>
        ratioOf(ceilings[index].serverUsPerRequest, run.cpu.serverUsPerRequest),
      ),
      medianRatio: median(ratios),
      ratioToBaseline:
        baselineRuns &&
        median(
          runs.map((run, index) => run.requestsPerSecond / baselineRuns[index].requestsPerSecond),
        ),
      requestsPerSecond: median(runs.map((run) => run.requestsPerSecond)),
      p50: median(runs.map((run) => run.p50)),
      p99: median(runs.map((run) => run.p99)),
      serverUsPerRequest,
      extraUsPerRequest:
        serverUsPerRequest === undefined || baselineUs === undefined
          ? undefined
          : serverUsPerRequest - baselineUs,
      receiverUsPerRequest: medianOf(runs.map((run) => run.cpu.receiverUsPerRequest)),
      requests: sum(runs.map((run) => run.total)),
      spans: variant.tracing ? sum(runs.map((run) => run.spans ?? 0)) : undefined,
      logLines: sum(runs.map((run) => run.logLines)),
      errorLines: sum(runs.map((run) => run.errorLines)),
      tracing: tracingChecks.get(variant.name),
    };
  });
}

/** Why the run fails: dropped or uncounted spans, error lines, a median below its minimum. */
export function failures(summaries: VariantSummary[], minRatios: Map<string, number>): string[] {
  const problems: string[] = [];
  for (const summary of summaries) {
    const { variant, tracing } = summary;
    if (tracing && (tracing.dropped > 0 || tracing.droppedInDiagnostics > 0)) {
      problems.push(
        `${variant.name}: spans dropped: ${tracing.droppedInDiagnostics} reported in the ` +
          `diagnostics, ${tracing.dropped} counted in otel_spans_dropped_total`,
      );
    }
    if (tracing && tracing.invalidBodies > 0) {
      problems.push(
        `${variant.name}: the receiver could not read ${tracing.invalidBodies} exports (${tracing.lastInvalid})`,
      );
    }
    // A sampler that records something must have sent something (always_off records nothing).
    if (variant.tracing && variant.tracing.sampler !== 'always_off' && !summary.spans) {
      problems.push(`${variant.name}: no span reached the receiver`);
    }
    if (summary.errorLines > 0) {
      problems.push(`${variant.name}: ${summary.errorLines} error lines during the runs`);
    }
    const minRatio = minRatios.get(variant.name);
    if (minRatio !== undefined && summary.medianRatio < minRatio) {
      problems.push(
        `${variant.name}: median ratio ${summary.medianRatio.toFixed(2)} is below ` +
          `${variant.minRatioVariable}=${minRatio}`,
      );
    }
  }
  return problems;
}

/** The ceiling a gateway run is compared with: the mean of the ceiling runs around it. */
export function ceilingAround(before: Measurement, after: Measurement): Ceiling {
  const cpu = [before.cpu.serverUsPerRequest, after.cpu.serverUsPerRequest];
  return {
    requestsPerSecond: (before.requestsPerSecond + after.requestsPerSecond) / 2,
    serverUsPerRequest:
      cpu[0] === undefined || cpu[1] === undefined ? undefined : (cpu[0] + cpu[1]) / 2,
  };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** The median of the known values; undefined if there is none. */
export function medianOf(values: (number | undefined)[]): number | undefined {
  const known = values.filter((value): value is number => value !== undefined);
  return known.length === 0 ? undefined : median(known);
}

function ratioOf(numerator: number | undefined, denominator: number | undefined) {
  return numerator && denominator ? numerator / denominator : undefined;
}

const sum = (values: number[]): number => values.reduce((total, value) => total + value, 0);
