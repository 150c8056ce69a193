/**
 * Readiness's probe of Redis (REDIS_URL; optional: rate limits, the read cache and the
 * read-your-writes marks all fail open without it): PING on a connection of its own, so the
 * checks never queue behind the rate limiter's commands. While the connection is (re)opening,
 * the check waits for it until its timeout.
 */
import type { DependencyProbe } from '@beacon/observability';
import { Redis } from 'ioredis';
import { once } from 'node:events';

export class RedisProbe implements DependencyProbe {
  readonly dependency = 'redis';
  readonly required = false;
  private readonly client: Redis;

  constructor(url: string) {
    this.client = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
    // Failures surface as failed checks, logged by the checker when the state changes.
    this.client.on('error', () => undefined);
  }

  async check(signal: AbortSignal): Promise<void> {
    if (this.client.status !== 'ready') await once(this.client, 'ready', { signal });
    await this.client.ping();
  }

  async close(): Promise<void> {
    await this.client.quit().catch(() => this.client.disconnect());
  }
}
