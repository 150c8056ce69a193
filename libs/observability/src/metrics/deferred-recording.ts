/**
 * Metric updates of the hot path, applied in one loop once the current turn of the event loop is
 * over, and before any read of the metrics (every metric of the catalog flushes them in its
 * `collect`), so a scrape never misses one.
 *
 * prom-client builds a label key and looks it up on each update; done between requests, that
 * code is cold every time. Measured on the redirect (docs/benchmarks.md), the same updates cost
 * markedly less CPU in a batch. The queue is a flat array of (recording, three arguments), so
 * queueing allocates nothing per update.
 */
import { Logger } from '@nestjs/common';

type Recording<A, B, C> = (a: A, b: B, c: C) => void;

const logger = new Logger('Metrics');

const SLOTS = 4;
let queue: unknown[] = [];
let scheduled = false;

export function recordLater<A, B, C>(recording: Recording<A, B, C>, a: A, b: B, c: C): void {
  queue.push(recording, a, b, c);
  if (scheduled) return;
  scheduled = true;
  setImmediate(flushRecordings);
}

export function flushRecordings(): void {
  scheduled = false;
  const batch = queue;
  queue = [];
  for (let i = 0; i < batch.length; i += SLOTS) {
    const recording = batch[i] as Recording<unknown, unknown, unknown>;
    try {
      recording(batch[i + 1], batch[i + 2], batch[i + 3]);
    } catch (error) {
      // Outside of any request, a throw would end the process: a metric is not worth that.
      logger.error(`cannot record a metric: ${String(error)}`);
    }
  }
}
