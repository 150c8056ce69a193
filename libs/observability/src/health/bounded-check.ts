/**
 * Runs one probe's check within a timeout, never two at once: a check still unanswered from
 * the round before (a MySQL query into a partition waits for the driver's own timeout) fails
 * the next round without a second one piling up behind it. Background work: its SQL and
 * requests start no traces of their own.
 */
import { withoutTracing } from '../tracing/without-tracing';
import type { DependencyProbe } from './dependency-probe';
import type { CheckResult } from './dependency-state';

export interface BoundedResult {
  result: CheckResult;
  /** How long the check ran, in seconds; undefined when it was not started. */
  seconds?: number;
}

export class BoundedCheck {
  private running: Promise<unknown> | undefined;

  constructor(readonly probe: DependencyProbe) {}

  async run(timeoutMs: number): Promise<BoundedResult> {
    if (this.running) {
      return { result: { passed: false, reason: 'its previous check has not answered yet' } };
    }
    const started = performance.now();
    const abort = new AbortController();
    const settled = withoutTracing(() => this.probe.check(abort.signal)).then(
      (): CheckResult => ({ passed: true }),
      (error: unknown): CheckResult => ({ passed: false, reason: reasonOf(error) }),
    );
    const running = (this.running = settled.finally(() => {
      if (this.running === running) this.running = undefined;
    }));
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<CheckResult>((resolve) => {
      timer = setTimeout(() => {
        abort.abort();
        resolve({ passed: false, reason: `no answer within ${timeoutMs} ms` });
      }, timeoutMs);
      timer.unref();
    });
    const result = await Promise.race([settled, timedOut]);
    clearTimeout(timer);
    return { result, seconds: (performance.now() - started) / 1_000 };
  }
}

function reasonOf(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}
