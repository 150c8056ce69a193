/**
 * Trace and span ids for the request spans that are not recorded: random (logs and the
 * `traceparent` sent on carry them), from a pooled buffer so that an id costs a hex slice
 * rather than a call into the random source.
 */
import { randomFillSync } from 'node:crypto';

const POOL_BYTES = 4096;
const pool = Buffer.allocUnsafe(POOL_BYTES);
let offset = POOL_BYTES;

export function randomTraceId(): string {
  return randomNonZeroHex(16);
}

export function randomSpanId(): string {
  return randomNonZeroHex(8);
}

/** An all-zero id is invalid in W3C trace context; drawing one is retried. */
function randomNonZeroHex(bytes: number): string {
  for (;;) {
    if (offset + bytes > POOL_BYTES) {
      randomFillSync(pool);
      offset = 0;
    }
    const start = offset;
    offset += bytes;
    for (let i = start; i < offset; i++) {
      if (pool[i] !== 0) return pool.toString('hex', start, offset);
    }
  }
}
