/**
 * Trace and span ids for the request spans that are not recorded: random (logs and the
 * `traceparent` sent on carry them), cut from one hex string per request taken from a pooled
 * random buffer, so an id costs a slice rather than a call into the random source.
 */
import { randomFillSync } from 'node:crypto';

const TRACE_ID_HEX = 32;
const ID_BYTES = (TRACE_ID_HEX + 16) / 2;
const POOL_BYTES = ID_BYTES * 256;
const INVALID_SPAN_ID = '0'.repeat(16);
const pool = Buffer.allocUnsafe(POOL_BYTES);
let offset = POOL_BYTES;

export interface SpanIds {
  traceId: string;
  spanId: string;
}

export function randomSpanIds(): SpanIds {
  for (;;) {
    if (offset === POOL_BYTES) {
      randomFillSync(pool);
      offset = 0;
    }
    const hex = pool.toString('hex', offset, offset + ID_BYTES);
    offset += ID_BYTES;
    const ids = { traceId: hex.slice(0, TRACE_ID_HEX), spanId: hex.slice(TRACE_ID_HEX) };
    // An all-zero id is invalid in W3C trace context (2^-64 for the span id: drawn again).
    if (ids.spanId !== INVALID_SPAN_ID) return ids;
  }
}
