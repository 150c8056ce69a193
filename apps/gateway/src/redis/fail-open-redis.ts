/**
 * A Redis connection for work that must never hold a request up (rate limits, the read
 * cache): no offline queue and one retry, so while Redis is away a command fails at once and
 * the caller goes on without it. Failures are logged at most once per interval, not per request.
 * At start-up the app waits (a little) for the connection, so that a new replica does not
 * serve its first requests without the shared state while its socket is still opening.
 */
import type { Logger } from '@nestjs/common';
import { Redis } from 'ioredis';

const LOG_INTERVAL_MS = 10_000;
/** How long start-up waits for Redis before going on without it (failing open). */
const STARTUP_WAIT_MS = 3_000;

export class FailOpenRedis {
  readonly client: Redis;
  private lastLoggedAt = 0;

  /** `consequence` says what a failure costs, e.g. "rate limits are not enforced". */
  constructor(
    url: string,
    private readonly logger: Logger,
    private readonly consequence: string,
  ) {
    this.client = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
    this.client.on('error', (error: Error) => this.reportFailure(error));
  }

  /** Resolves once connected, or after STARTUP_WAIT_MS (logged) if Redis is not there. */
  async waitUntilConnected(): Promise<void> {
    if (this.client.status === 'ready') return;
    let timer: NodeJS.Timeout | undefined;
    const connected = await Promise.race([
      new Promise<boolean>((resolve) => this.client.once('ready', () => resolve(true))),
      new Promise<boolean>(
        (resolve) => (timer = setTimeout(() => resolve(false), STARTUP_WAIT_MS)),
      ),
    ]);
    clearTimeout(timer);
    if (!connected) this.reportFailure(new Error(`not connected after ${STARTUP_WAIT_MS} ms`));
  }

  reportFailure(error: unknown): void {
    const now = Date.now();
    if (now - this.lastLoggedAt < LOG_INTERVAL_MS) return;
    this.lastLoggedAt = now;
    this.logger.error(`${this.consequence}: Redis failed: ${(error as Error).message}`);
  }

  async close(): Promise<void> {
    await this.client.quit().catch(() => this.client.disconnect());
  }
}
