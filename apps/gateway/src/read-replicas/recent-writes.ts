/**
 * Read-your-writes: which scopes wrote within the window (readYourWritesWindowMs), so that
 * their reads go to the primary until every serving replica holds the write. In the process by
 * default, which covers a writer whose requests reach this gateway; in Redis with REDIS_URL
 * (RedisRecentWrites), shared by every gateway replica.
 */
import { LRUCache } from 'lru-cache';
import type { WriteScope } from './read-scope';

export abstract class RecentWrites {
  /** After a write of `scope` has committed. */
  abstract note(scope: WriteScope): Promise<void>;

  /** Whether `scope` wrote within the window. */
  abstract has(scope: WriteScope): Promise<boolean>;
}

/** Writers a gateway remembers at once; past it the oldest are forgotten (their reads may lag). */
const MAX_WRITERS = 100_000;

export class InProcessRecentWrites extends RecentWrites {
  private readonly writers: LRUCache<WriteScope, true>;

  constructor(windowMs: number) {
    super();
    this.writers = new LRUCache({ max: MAX_WRITERS, ttl: windowMs });
  }

  async note(scope: WriteScope): Promise<void> {
    this.writers.set(scope, true);
  }

  async has(scope: WriteScope): Promise<boolean> {
    return this.writers.has(scope);
  }
}
