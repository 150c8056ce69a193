/**
 * ISO 8601 UTC timestamps of epoch-millisecond instants, for event envelopes and data.
 * `Date.prototype.toISOString` formats in C++ through a printf and a time-zone lookup, a few
 * microseconds a call; the redirect needs two per visit, and a busy gateway asks many times in
 * the same millisecond, so the last answer is kept.
 */
let lastMs = Number.NaN;
let lastIso = '';

export function isoTimestamp(epochMs: number): string {
  if (epochMs !== lastMs) {
    lastIso = new Date(epochMs).toISOString();
    lastMs = epochMs;
  }
  return lastIso;
}
