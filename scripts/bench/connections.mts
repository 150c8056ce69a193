// `npm run bench:connections` (issue 16): can the gateway hold 10,000 keep-alive connections at
// a steady request rate well under its maximum, with a p99 latency near the bare node:http
// ceiling's at the same connections and rate, every answer a 302, under 512 MB of RSS, and every
// visit stored once? The load is open-loop (open-loop-load.mts): the rate is fixed and latency
// counts from when each request was due. See connections-run.mts for the sequence,
// connections-settings.mts for the settings, and docs/benchmarks.md for the figures.
//
// It needs a hard open-files limit above the connections (the npm script raises it where it
// may) and MariaDB and RabbitMQ, like the e2e tests; it always stops its children, drops its
// database and deletes its queues and exchanges, on failure and on a signal too.
import { benchConnections } from './connections-run.mts';
import { readConnectionsSettings, type ConnectionsSettings } from './connections-settings.mts';
import { log, logError } from './log.mts';
import { generatorBudgetS } from './open-loop-protocol.mts';
import { MIGRATION_TIMEOUT_MS, READY_TIMEOUT_MS } from './settings.mts';
import { checkSystemLimits } from './system-limits.mts';
import { runWithCleanup } from './guarded-run.mts';

/** Migration, four children to start, two load runs, the visits' drain, and a minute. */
const budgetMs = (settings: ConnectionsSettings): number =>
  MIGRATION_TIMEOUT_MS + 4 * READY_TIMEOUT_MS + (2 * generatorBudgetS(settings) + 180 + 60) * 1000;

async function main(): Promise<number> {
  let settings: ConnectionsSettings;
  try {
    settings = readConnectionsSettings();
    for (const line of checkSystemLimits(settings.connections)) log(line);
  } catch (error) {
    logError((error as Error).message);
    return 1;
  }
  return runWithCleanup(budgetMs(settings), async () => {
    const problems = await benchConnections(settings);
    if (problems.length > 0) throw new Error(problems.join('; '));
  });
}

process.exit(await main());
