// After bench:connections' load: did every visit the gateway answered reach MySQL, once? The
// gateway's `events_dropped_total` must stay 0, and the worker's daily rollup must count
// exactly the 302s the gateway served, once the worker has drained the queue (bounded wait).
import { setTimeout as sleep } from 'node:timers/promises';
import { createConnection } from 'mysql2/promise';
import { counterSum } from './gateway-metrics.mts';
import { log } from './log.mts';
import type { Gateway, runConfig } from './servers.mts';

export interface VisitCheck {
  /** 302s the bench received from the gateway (load generator and checks). */
  served: number;
  /** The gateway's own count: http_requests_total{status_code="302"}. */
  countedByGateway: number | undefined;
  /** SUM(visits) of link_daily_stats at the end. */
  stored: number;
  dropped: number | undefined;
  /** events_published_total of link.visited by result (confirmed, spilled, failed…). */
  published: Record<string, number>;
  /** From the end of the load to the rollup reaching `served` (undefined: it never did). */
  drainMs: number | undefined;
}

const DRAIN_TIMEOUT_MS = 180_000;
/** Once the count is reached, it must hold this long: a duplicate would still push it up. */
const HOLD_MS = 3_000;
const PUBLISH_RESULTS = ['confirmed', 'spilled', 'failed', 'returned', 'invalid'];
const VISITED = 'type="link.visited"';

export async function checkVisits(
  gateway: Gateway,
  database: ReturnType<typeof runConfig>['database'],
  served: number,
): Promise<VisitCheck> {
  const startedMs = Date.now();
  const { host, port, user, password, name } = database;
  const sql = await createConnection({ host, port, user, password, database: name });
  try {
    const stored = async (): Promise<number> => {
      const [rows] = await sql.query('SELECT SUM(visits) AS visits FROM link_daily_stats');
      return Number((rows as { visits: string | null }[])[0].visits ?? 0);
    };
    log(`waiting for the worker to store ${served} visits (at most ${DRAIN_TIMEOUT_MS / 1000} s)`);
    let drainMs: number | undefined;
    while (Date.now() - startedMs < DRAIN_TIMEOUT_MS) {
      if ((await stored()) >= served) {
        drainMs = Date.now() - startedMs;
        await sleep(HOLD_MS);
        break;
      }
      await sleep(250);
    }
    return {
      served,
      countedByGateway: await counterSum(gateway, 'http_requests_total', ['status_code="302"']),
      stored: await stored(),
      dropped: await counterSum(gateway, 'events_dropped_total', [VISITED]),
      published: await publishedByResult(gateway),
      drainMs,
    };
  } finally {
    await sql.end();
  }
}

async function publishedByResult(gateway: Gateway): Promise<Record<string, number>> {
  const published: Record<string, number> = {};
  for (const result of PUBLISH_RESULTS) {
    const count = await counterSum(gateway, 'events_published_total', [
      VISITED,
      `result="${result}"`,
    ]);
    if (count) published[result] = count;
  }
  return published;
}
