// Runs a bench's work so that it always cleans up (cleanup.mts) and exits with a meaningful
// code: after the work, on SIGINT or SIGTERM, and when the run's time budget is spent.
import { cleanup } from './cleanup.mts';
import { logError } from './log.mts';
import { withTimeout } from './with-timeout.mts';

/** Resolves to the exit code: 0, or 1 if the work or the clean-up failed. */
export async function runWithCleanup(budgetMs: number, work: () => Promise<void>): Promise<number> {
  const abort = (reason: string, code: number): void => {
    logError(`${reason}: cleaning up and exiting`);
    void withTimeout(cleanup(), 60_000, 'clean-up')
      .catch((error: Error) => logError(error.message))
      .finally(() => process.exit(code));
  };
  const watchdog = setTimeout(
    () => abort(`time budget of ${Math.round(budgetMs / 1000)} s exceeded`, 1),
    budgetMs,
  );
  process.once('SIGINT', () => abort('interrupted', 130));
  process.once('SIGTERM', () => abort('terminated', 143));
  let failed = false;
  try {
    await work();
  } catch (error) {
    failed = true;
    logError(`FAILED: ${(error as Error).message}`);
  } finally {
    if (!(await cleanup())) failed = true;
    clearTimeout(watchdog);
  }
  return failed ? 1 : 0;
}
