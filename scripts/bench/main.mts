// `npm run bench`: how fast is the redirect hot path (`GET /:slug` → 302), compared with the
// least any Node server can do for the same request on the same machine in the same run?
//
// 1. Migrates a throw-away database and boots the built gateway (dist/) with its own DB name and
//    AMQP prefix, NODE_ENV=production, LOG_LEVEL=warn.
// 2. Starts the ceiling: a bare node:http server answering 302 from a Map
//    (bench-ceiling-server.mts), in its own process like the gateway.
// 3. Creates one link through the API, warms both servers up, then runs interleaved rounds of
//    {ceiling, gateway} with autocannon (the order alternates per round) and a link-creation run.
// 4. Checks that every redirect answer was a 3xx and every creation a 2xx, prints the figures,
//    the gateway/ceiling ratio per round and its median.
// 5. Always stops the children, drops the database and deletes the exchanges and queues.
//
// The machine is shared and noisy: absolute figures vary, the ratio measured within a round is
// what to compare. Settings: see settings.mts. DB_HOST, DB_PORT, DB_USER, DB_PASSWORD and
// AMQP_URL are passed through to the gateway and used for the clean-up.
import { bench } from './bench-run.mts';
import { cleanup } from './cleanup.mts';
import { logError } from './log.mts';
import {
  MIGRATION_TIMEOUT_MS,
  READY_TIMEOUT_MS,
  readSettings,
  type Settings,
} from './settings.mts';
import { withTimeout } from './with-timeout.mts';

async function main(): Promise<number> {
  let settings: Settings;
  try {
    settings = readSettings();
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
  const budgetMs = timeBudgetMs(settings);
  const watchdog = setTimeout(
    () => abort(`time budget of ${Math.round(budgetMs / 1000)} s exceeded`, 1),
    budgetMs,
  );
  process.once('SIGINT', () => abort('interrupted', 130));
  process.once('SIGTERM', () => abort('terminated', 143));

  let failed = false;
  try {
    await bench(settings);
  } catch (error) {
    failed = true;
    logError(`FAILED: ${(error as Error).message}`);
  } finally {
    if (!(await cleanup())) failed = true;
    clearTimeout(watchdog);
  }
  return failed ? 1 : 0;
}

/** Every load run plus slack, and the worst case of each bounded wait, plus a minute. */
function timeBudgetMs({ durationS, warmupS, rounds }: Settings): number {
  const perRunS = durationS + 1;
  return (
    (warmupS * 3 + rounds * 2 * perRunS + perRunS) * 1000 +
    MIGRATION_TIMEOUT_MS +
    READY_TIMEOUT_MS * 2 +
    60_000
  );
}

process.exit(await main());
