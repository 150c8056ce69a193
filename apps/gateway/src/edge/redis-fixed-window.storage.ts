/**
 * The fixed-window rate-limit counters in Redis (REDIS_URL), shared by every gateway replica.
 * One Lua script counts, opens the window and blocks atomically: separate INCR and PEXPIRE
 * calls would let a flood through between them, or leave a counter without expiry. When Redis
 * is unreachable, requests are let through (and the failure logged) rather than answered 500.
 */
import { Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import { FailOpenRedis } from '../redis/fail-open-redis';
import { toRecord, type RateLimitRecord } from './fixed-window.storage';

/** KEYS: the counter, the block marker. ARGV: ttl ms, limit, block ms. → hits, window ms, block ms */
const INCREMENT_SCRIPT = `
local blocked = redis.call('PTTL', KEYS[2])
if blocked > 0 then
  return {tonumber(redis.call('GET', KEYS[1]) or '0'), redis.call('PTTL', KEYS[1]), blocked}
end
local hits = redis.call('INCR', KEYS[1])
if hits == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
if hits > tonumber(ARGV[2]) then
  redis.call('SET', KEYS[2], '1', 'PX', ARGV[3])
  return {hits, redis.call('PTTL', KEYS[1]), tonumber(ARGV[3])}
end
return {hits, redis.call('PTTL', KEYS[1]), 0}
`;

type IncrementReply = [number, number, number];

export class RedisFixedWindowStorage implements ThrottlerStorage, OnModuleInit, OnModuleDestroy {
  private readonly redis: FailOpenRedis;

  constructor(
    url: string,
    private readonly keyPrefix: string,
  ) {
    const logger = new Logger(RedisFixedWindowStorage.name);
    this.redis = new FailOpenRedis(url, logger, 'rate limits are not enforced');
  }

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
  ): Promise<RateLimitRecord> {
    const counter = `${this.keyPrefix}rate-limit:${key}`;
    try {
      const [hits, windowLeftMs, blockLeftMs] = (await this.redis.client.eval(
        INCREMENT_SCRIPT,
        2,
        counter,
        `${counter}:blocked`,
        ttl,
        limit,
        Math.max(1, blockDuration),
      )) as IncrementReply;
      return toRecord(hits, windowLeftMs, blockLeftMs);
    } catch (error) {
      this.redis.reportFailure(error);
      return toRecord(0, ttl, 0);
    }
  }

  onModuleInit(): Promise<void> {
    return this.redis.waitUntilConnected();
  }

  onModuleDestroy(): Promise<void> {
    return this.redis.close();
  }
}
