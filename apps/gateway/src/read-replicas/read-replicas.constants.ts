/** How often each replica's lag is measured, and how long one measurement may take. */
export const CHECK_INTERVAL_MS = 1_000;
export const CHECK_TIMEOUT_MS = 1_000;

/**
 * How long a writer's reads stay on the primary. A replica serves only while its last check,
 * at most CHECK_INTERVAL_MS + CHECK_TIMEOUT_MS old, found it at most DB_REPLICA_MAX_LAG_S
 * behind; Seconds_Behind_Master counts whole seconds, hence one more. After this window, every
 * replica still serving has applied the write.
 */
export function readYourWritesWindowMs(maxLagSeconds: number): number {
  return (maxLagSeconds + 1) * 1_000 + CHECK_INTERVAL_MS + CHECK_TIMEOUT_MS;
}
