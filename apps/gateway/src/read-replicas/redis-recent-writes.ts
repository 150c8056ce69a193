/**
 * RecentWrites in Redis (REDIS_URL), shared by every gateway replica: a key per writer that
 * expires with the window, `${AMQP_PREFIX}:recent-write:<scope>`. A write on one gateway sends
 * the writer's reads on every gateway to the primary. This gateway also remembers its own
 * writes in the process, and while Redis does not answer, every scoped read goes to the primary:
 * a stale read is what this exists to prevent, the primary's extra load is the lesser harm.
 */
import { Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { FailOpenRedis } from '../redis/fail-open-redis';
import type { WriteScope } from './read-scope';
import { InProcessRecentWrites, RecentWrites } from './recent-writes';

export class RedisRecentWrites extends RecentWrites implements OnModuleInit, OnModuleDestroy {
  private readonly redis: FailOpenRedis;
  private readonly local: InProcessRecentWrites;

  constructor(
    url: string,
    private readonly keyPrefix: string,
    private readonly windowMs: number,
  ) {
    super();
    this.local = new InProcessRecentWrites(windowMs);
    this.redis = new FailOpenRedis(
      url,
      new Logger(RedisRecentWrites.name),
      'reads for a writer or the catalog go to the primary',
    );
  }

  async note(scope: WriteScope): Promise<void> {
    await this.local.note(scope);
    await this.redis.client
      .set(this.key(scope), '1', 'PX', this.windowMs)
      .catch((error: unknown) => this.redis.reportFailure(error));
  }

  async has(scope: WriteScope): Promise<boolean> {
    if (await this.local.has(scope)) return true;
    try {
      return (await this.redis.client.exists(this.key(scope))) === 1;
    } catch (error) {
      this.redis.reportFailure(error);
      return true;
    }
  }

  onModuleInit(): Promise<void> {
    return this.redis.waitUntilConnected();
  }

  async onModuleDestroy(): Promise<void> {
    await this.redis.close();
  }

  private key(scope: WriteScope): string {
    return `${this.keyPrefix}recent-write:${scope}`;
  }
}
