/**
 * Graceful shutdown on SIGTERM or SIGINT, in the order that loses nothing:
 * 1. the HTTP server stops accepting connections and answers 503 to requests that still arrive
 *    on open ones (Fastify's return503OnClosing, readiness included), while the requests in
 *    flight finish;
 * 2. `app.close()` runs Nest's hooks: the worker's consumers cancel and finish (and ack) what
 *    they hold, their batches stored; then what the app published (the visits noted by those
 *    requests, the worker's stored visits) is confirmed; connections close;
 * 3. `afterClose` (the spans still queued are exported), then exit code 0.
 * A second signal, or SHUTDOWN_TIMEOUT_MS plus a margin for the last step, exits at once with 1.
 */
import type { INestApplication, LoggerService } from '@nestjs/common';

export interface GracefulShutdownOptions {
  /** SHUTDOWN_TIMEOUT_MS: the whole shutdown's budget. */
  timeoutMs: number;
  logger: LoggerService;
  afterClose?: () => Promise<void>;
}

/** Time for the last step (exporting spans) beyond SHUTDOWN_TIMEOUT_MS. */
const FINAL_STEP_MARGIN_MS = 5_000;

export function shutDownGracefullyOnSignals(
  app: INestApplication,
  { timeoutMs, logger, afterClose }: GracefulShutdownOptions,
): void {
  let shuttingDown = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (shuttingDown) {
      logger.warn(`${signal} again: exiting without finishing the shutdown`);
      process.exit(1);
    }
    shuttingDown = true;
    logger.log(`${signal}: shutting down gracefully (at most ${timeoutMs} ms)`);
    setTimeout(() => {
      logger.error(`shutdown did not finish within ${timeoutMs} ms: exiting`);
      process.exit(1);
    }, timeoutMs + FINAL_STEP_MARGIN_MS).unref();
    void shutDown(app, afterClose).then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error(`shutdown failed: ${(error as Error).message}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}

async function shutDown(app: INestApplication, afterClose?: () => Promise<void>): Promise<void> {
  await app.getHttpAdapter().close();
  await app.close();
  await afterClose?.();
}
