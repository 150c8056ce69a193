// What the open-loop load generator counts: answers by status and failures over the whole run
// (every 302 the server sent is a visit the worker must store), and for the measured window
// alone, the latency from each request's due time in an HDR histogram (microseconds). It also
// times its own lateness in dispatching requests, to tell a slow server from a slow generator.
import * as hdr from 'hdr-histogram-js';

export interface Percentiles {
  p50: number;
  p99: number;
  p999: number;
  max: number;
}

export interface PhaseCounts {
  /** Answers by HTTP status. */
  statuses: Record<string, number>;
  /** Requests that got no answer, by reason. */
  failures: Record<string, number>;
}

export interface OpenLoopResult {
  /** Requests due in the measured window, each counted in `measured` once it ended. */
  measuredDue: number;
  measured: PhaseCounts;
  /** Answers that arrived in the measured window, whenever due: the server's throughput. */
  answeredInWindow: number;
  /** Milliseconds from due time to complete answer, requests due in the measured window. */
  latencyMs: Percentiles;
  /**
   * Milliseconds from writing the request to its complete answer, the same requests: the
   * server's and the kernel's share, without the generator's lateness or the wait behind an
   * earlier request of the connection. Not coordinated-omission correct, for diagnosis only.
   */
  serviceMs: Percentiles;
  /** Every request of the run: ramp, warm-up and measured window. */
  all: PhaseCounts;
  /** Requests still unanswered when the drain's time ran out. */
  unanswered: number;
  /** Connection breaks (and failed opens), by reason; each broken connection opened again. */
  breaks: Record<string, number>;
  /** Milliseconds the ramp took to have every connection answer once. */
  rampMs: number;
  /** The generator's lateness in handing requests to their connection, ms. */
  dispatchLagMs: Percentiles;
  /** The generator's CPU in the measured window, % of one core. */
  generatorCpuPercent: number;
}

const histogram = (): hdr.Histogram =>
  hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 3_600_000_000 });

export class OpenLoopTally {
  readonly measured: PhaseCounts = { statuses: {}, failures: {} };
  readonly all: PhaseCounts = { statuses: {}, failures: {} };
  readonly breaks: Record<string, number> = {};
  private readonly latency = histogram();
  private readonly service = histogram();
  private readonly dispatchLag = histogram();

  answered(status: number, latencyMs: number, serviceMs: number, inWindow: boolean): void {
    increment(this.all.statuses, String(status));
    if (!inWindow) return;
    increment(this.measured.statuses, String(status));
    this.latency.recordValue(microseconds(latencyMs));
    this.service.recordValue(microseconds(serviceMs));
  }

  failed(reason: string, inWindow: boolean): void {
    increment(this.all.failures, reason);
    if (inWindow) increment(this.measured.failures, reason);
  }

  broke(reason: string): void {
    increment(this.breaks, reason);
  }

  dispatched(lagMs: number): void {
    this.dispatchLag.recordValue(microseconds(lagMs));
  }

  latencyMs(): Percentiles {
    return percentilesMs(this.latency);
  }

  serviceMs(): Percentiles {
    return percentilesMs(this.service);
  }

  dispatchLagMs(): Percentiles {
    return percentilesMs(this.dispatchLag);
  }
}

function percentilesMs(histogram: hdr.Histogram): Percentiles {
  const at = (percentile: number): number => histogram.getValueAtPercentile(percentile) / 1000;
  return { p50: at(50), p99: at(99), p999: at(99.9), max: histogram.maxValue / 1000 };
}

const microseconds = (ms: number): number => Math.max(1, Math.round(ms * 1000));

function increment(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}

export const sumOf = (counts: Record<string, number>): number =>
  Object.values(counts).reduce((sum, count) => sum + count, 0);
