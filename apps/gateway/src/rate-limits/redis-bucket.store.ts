/**
 * Token buckets in Redis (REDIS_URL), shared by every gateway replica. One Lua script refills,
 * takes and stores atomically, on Redis's clock (`TIME`), never a replica's: replicas whose
 * clocks disagree still share one bucket exactly. A bucket is a hash (level, unit, at, the
 * fields of token-bucket.ts's BucketState) that expires when it would be full again, since a
 * missing bucket starts full. Keys: `${AMQP_PREFIX}:rate-limit:<class>:<client IP>`. When Redis is unreachable, requests pass (and the failure is
 * logged) rather than fail: a rate limiter must not take the API down with it.
 */
import type { RateLimitBucket } from '@beacon/config';
import { Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { FailOpenRedis } from '../redis/fail-open-redis';
import { BucketStore } from './bucket-store';
import { answerOf, type BucketAnswer } from './token-bucket';

/**
 * token-bucket.ts's `takeToken` in Lua, in the same integer units (Lua's numbers are doubles,
 * exact up to 2⁵³ like JavaScript's). KEYS: the bucket. ARGV: max, burst, window ms.
 * → 1 if a token was taken, else 0; the level left.
 */
const TAKE_TOKEN_SCRIPT = `
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
local max, window = tonumber(ARGV[1]), tonumber(ARGV[3])
local capacity = tonumber(ARGV[2]) * window
local level = capacity
local stored = redis.call('HMGET', KEYS[1], 'level', 'unit', 'at')
if stored[1] then
  level = tonumber(stored[1])
  local unit = tonumber(stored[2])
  if unit ~= window then level = math.floor(level / unit * window) end
  local elapsed = now - tonumber(stored[3])
  if elapsed > 0 then level = level + elapsed * max end
  level = math.min(capacity, level)
end
local taken = 0
if level >= window then
  level = level - window
  taken = 1
end
redis.call('HSET', KEYS[1], 'level', level, 'unit', window, 'at', now)
redis.call('PEXPIRE', KEYS[1], math.ceil((capacity - level) / max))
return {taken, level}
`;

type TakeTokenReply = [taken: 0 | 1, level: number];

interface BucketCommands {
  takeToken(key: string, max: number, burst: number, windowMs: number): Promise<TakeTokenReply>;
}

export class RedisBucketStore extends BucketStore implements OnModuleInit, OnModuleDestroy {
  private readonly redis: FailOpenRedis;
  private readonly commands: BucketCommands;

  constructor(
    url: string,
    private readonly keyPrefix: string,
  ) {
    super();
    this.redis = new FailOpenRedis(
      url,
      new Logger(RedisBucketStore.name),
      'rate limits are not enforced',
    );
    // EVALSHA, with the script sent again only if Redis lost it.
    this.redis.client.defineCommand('takeToken', { numberOfKeys: 1, lua: TAKE_TOKEN_SCRIPT });
    this.commands = this.redis.client as unknown as BucketCommands;
  }

  async take(key: string, bucket: RateLimitBucket, windowMs: number): Promise<BucketAnswer> {
    try {
      const [taken, level] = await this.commands.takeToken(
        this.keyPrefix + key,
        bucket.max,
        bucket.burst,
        windowMs,
      );
      return answerOf(taken === 1, level, bucket, windowMs);
    } catch (error) {
      this.redis.reportFailure(error);
      return answerOf(true, (bucket.burst - 1) * windowMs, bucket, windowMs);
    }
  }

  onModuleInit(): Promise<void> {
    return this.redis.waitUntilConnected();
  }

  onModuleDestroy(): Promise<void> {
    return this.redis.close();
  }
}
