/**
 * The catalog cache in Redis (REDIS_URL), shared by every gateway replica, so a write on one
 * replica is seen by all at once. Keys live under `${AMQP_PREFIX}:products:`: the write counter,
 * `product:<id>`, and `list:<writes>:<query>`; every entry expires after CACHE_TTL_MS. Two Lua
 * scripts keep the read of the counter and the access it decides in one step: a list read sees
 * the current counter, and a load overtaken by a write (anywhere) is not stored.
 * When Redis is unreachable, reads go to MySQL (logged), never fail.
 */
import { Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { FailOpenRedis } from '../redis/fail-open-redis';
import { ProductCacheStore, type ProductCacheKey, type WriteMark } from './product-cache.store';

/** KEYS: the write counter. ARGV: the lists' key prefix, the query. → the cached list or nil */
const GET_LIST_SCRIPT = `
local writes = redis.call('GET', KEYS[1]) or '0'
return redis.call('GET', ARGV[1] .. writes .. ':' .. ARGV[2])
`;

/** KEYS: the write counter, the entry. ARGV: the mark, the value, ttl ms. */
const SET_UNLESS_WRITTEN_SCRIPT = `
if (redis.call('GET', KEYS[1]) or '0') ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[3])
return 1
`;

export class RedisProductCacheStore
  extends ProductCacheStore
  implements OnModuleInit, OnModuleDestroy
{
  readonly sharedByReplicas = true;
  private readonly redis: FailOpenRedis;
  private readonly writesKey: string;

  constructor(
    url: string,
    private readonly keyPrefix: string,
    private readonly ttlMs: number,
  ) {
    super();
    const logger = new Logger(RedisProductCacheStore.name);
    this.redis = new FailOpenRedis(
      url,
      logger,
      'product reads bypass the cache, or a write stays unseen up to CACHE_TTL_MS',
    );
    this.writesKey = `${keyPrefix}products:writes`;
  }

  async get(key: ProductCacheKey): Promise<object | undefined> {
    try {
      const cached =
        key.kind === 'product'
          ? await this.redis.client.get(this.productKey(key.id))
          : ((await this.redis.client.eval(
              GET_LIST_SCRIPT,
              1,
              this.writesKey,
              `${this.keyPrefix}products:list:`,
              key.query,
            )) as string | null);
      return cached === null ? undefined : (JSON.parse(cached) as object);
    } catch (error) {
      this.redis.reportFailure(error);
      return undefined;
    }
  }

  async mark(): Promise<WriteMark | null> {
    try {
      return (await this.redis.client.get(this.writesKey)) ?? '0';
    } catch (error) {
      this.redis.reportFailure(error);
      return null;
    }
  }

  async set(key: ProductCacheKey, value: object, mark: WriteMark | null): Promise<void> {
    if (mark === null) return;
    const entry =
      key.kind === 'product'
        ? this.productKey(key.id)
        : `${this.keyPrefix}products:list:${mark}:${key.query}`;
    try {
      await this.redis.client.eval(
        SET_UNLESS_WRITTEN_SCRIPT,
        2,
        this.writesKey,
        entry,
        mark,
        JSON.stringify(value),
        this.ttlMs,
      );
    } catch (error) {
      this.redis.reportFailure(error);
    }
  }

  async evict(productId: string): Promise<void> {
    try {
      await this.redis.client.multi().incr(this.writesKey).del(this.productKey(productId)).exec();
    } catch (error) {
      this.redis.reportFailure(error);
    }
  }

  onModuleInit(): Promise<void> {
    return this.redis.waitUntilConnected();
  }

  onModuleDestroy(): Promise<void> {
    return this.redis.close();
  }

  private productKey(id: string): string {
    return `${this.keyPrefix}products:product:${id}`;
  }
}
