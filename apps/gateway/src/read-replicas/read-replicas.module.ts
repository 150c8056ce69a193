/**
 * Read replicas (DB_REPLICA_HOSTS): the routing of the read-heavy queries, the replicas' lag
 * checks, and who wrote recently (in Redis with REDIS_URL, so every gateway knows).
 */
import { BEACON_CONFIG, type BeaconConfig } from '@beacon/config';
import { Module } from '@nestjs/common';
import { ReadReplica } from './read-replica';
import { ReadReplicaSet } from './read-replica-set';
import { readYourWritesWindowMs } from './read-replicas.constants';
import { ReadRouter } from './read-router.service';
import { InProcessRecentWrites, RecentWrites } from './recent-writes';
import { RedisRecentWrites } from './redis-recent-writes';
import { ReplicaMonitor } from './replica-monitor.service';

/**
 * A replica's read gives up sooner than the redirect's own breaker (DB_BREAKER_TIMEOUT_MS), so
 * the read can still be answered by the primary within it.
 */
const REPLICA_SHARE_OF_BREAKER_TIMEOUT = 0.5;

@Module({
  providers: [
    {
      provide: ReadReplicaSet,
      inject: [BEACON_CONFIG],
      useFactory: (config: BeaconConfig) =>
        new ReadReplicaSet(
          config.readReplicas.replicas.map(
            (replica) =>
              new ReadReplica(replica, config.readReplicas.maxLagSeconds, () => ({
                ...config.databaseBreaker,
                timeoutMs: config.databaseBreaker.timeoutMs * REPLICA_SHARE_OF_BREAKER_TIMEOUT,
              })),
          ),
        ),
    },
    {
      provide: RecentWrites,
      inject: [BEACON_CONFIG],
      useFactory: ({ readReplicas, redis }: BeaconConfig): RecentWrites => {
        const windowMs = readYourWritesWindowMs(readReplicas.maxLagSeconds);
        // Without replicas nothing is ever asked, so nothing needs Redis.
        return redis.url && readReplicas.replicas.length > 0
          ? new RedisRecentWrites(redis.url, redis.keyPrefix, windowMs)
          : new InProcessRecentWrites(windowMs);
      },
    },
    ReplicaMonitor,
    ReadRouter,
  ],
  exports: [ReadRouter, ReadReplicaSet],
})
export class ReadReplicasModule {}
