// The traced gateways' OTLP receivers (bench-otlp-receiver.mts, one child process per traced
// gateway): starting them, reading their counts, and waiting for a gateway's exports to end.
import { setTimeout as sleep } from 'node:timers/promises';
import { log } from './log.mts';
import { startScript, type Server } from './servers.mts';
import { HTTP_TIMEOUT_MS, OTLP_RECEIVER } from './settings.mts';

/** What a receiver has counted since it started. */
export interface ReceiverStats {
  /** OTLP requests received in full (one per batch the gateway exported). */
  exports: number;
  /** OTLP requests begun and not answered yet. */
  inFlight: number;
  spans: number;
  bytes: number;
  /** Bodies that were not OTLP JSON: their spans went uncounted. */
  invalid: number;
  lastInvalid: string;
}

/**
 * The gateway exports a batch at least every second (start-tracing.ts), and at once when 2,048
 * spans are waiting. Two quiet seconds after the load mean it has sent everything it finished.
 */
const QUIET_MS = 2_000;
const POLL_MS = 250;
/** Beyond this, the exporter is hopelessly behind and the counts would be wrong. */
const SETTLE_TIMEOUT_MS = 30_000;

export function startReceiver(variantName: string): Promise<Server> {
  log(`starting the OTLP receiver of "${variantName}"`);
  return startScript(`otlp receiver ${variantName}`, OTLP_RECEIVER);
}

export async function receiverStats(receiver: Server): Promise<ReceiverStats> {
  const response = await fetch(`${receiver.base}/stats`, {
    signal: AbortSignal.timeout(HTTP_TIMEOUT_MS),
  });
  if (response.status !== 200) throw new Error(`${receiver.child.name}: /stats ${response.status}`);
  return (await response.json()) as ReceiverStats;
}

/**
 * Waits until no export is in flight and none has arrived for QUIET_MS, so that the spans of a
 * load run are all counted and the export of its tail does not run into the next server's
 * measurement. An exporter that cannot keep up (its queue still full, a receiver too slow)
 * fails the run here rather than losing spans unseen.
 */
export async function settleExports(receiver: Server): Promise<ReceiverStats> {
  const deadline = Date.now() + SETTLE_TIMEOUT_MS;
  let last = await receiverStats(receiver);
  let quietSince = Date.now();
  while (Date.now() - quietSince < QUIET_MS) {
    if (Date.now() > deadline) {
      throw new Error(
        `${receiver.child.name}: spans still arriving ${SETTLE_TIMEOUT_MS / 1000} s after the ` +
          'load: the exporter cannot keep up, its spans would go uncounted or be lost',
      );
    }
    await sleep(POLL_MS);
    const now = await receiverStats(receiver);
    if (now.exports !== last.exports || now.inFlight > 0) quietSince = Date.now();
    last = now;
  }
  return last;
}
