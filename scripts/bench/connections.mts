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
import { cleanup } from './cleanup.mts';
import { benchConnections } from './connections-run.mts';
import { readConnectionsSettings, type ConnectionsSettings } from './connections-settings.mts';
import { log, logError } from './log.mts';
import { generatorBudgetS } from './open-loop-protocol.mts';
import { MIGRATION_TIMEOUT_MS, READY_TIMEOUT_MS } from './settings.mts';
import { checkSystemLimits } from './system-limits.mts';
import { withTimeout } from './with-timeout.mts';

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
  const abort = (reason: string, code: number): void => {
    logError(`${reason}: cleaning up and exiting`);
    void withTimeout(cleanup(), 60_000, 'clean-up')
      .catch((error: Error) => logError(error.message))
      .finally(() => process.exit(code));
  };
  const watchdog = setTimeout(() => abort('time budget exceeded', 1), budgetMs(settings));
  process.once('SIGINT', () => abort('interrupted', 130));
  process.once('SIGTERM', () => abort('terminated', 143));
  let failed = false;
  try {
    const problems = await benchConnections(settings);
    if (problems.length > 0) throw new Error(problems.join('; '));
  } catch (error) {
    failed = true;
    logError(`FAILED: ${(error as Error).message}`);
  } finally {
    if (!(await cleanup())) failed = true;
    clearTimeout(watchdog);
  }
  return failed ? 1 : 0;
}

process.exit(await main());
