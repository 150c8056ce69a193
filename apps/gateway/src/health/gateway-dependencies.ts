/**
 * What the gateway's readiness checks: MySQL and RabbitMQ (required), each read replica and
 * Redis where configured (optional: reads fall back to the primary, rate limits and caches fail
 * open).
 */
import { BEACON_CONFIG, type BeaconConfig } from '@beacon/config';
import { mysqlProbe } from '@beacon/database';
import { rabbitProbe, RabbitConnection } from '@beacon/messaging';
import type { DependencyProbe } from '@beacon/observability';
import { DataSource } from 'typeorm';
import { ReadReplicaSet } from '../read-replicas/read-replica-set';
import { RedisProbe } from '../redis/redis.probe';

export const gatewayDependencies = {
  inject: [BEACON_CONFIG, DataSource, RabbitConnection, ReadReplicaSet],
  useFactory: (
    { redis }: BeaconConfig,
    dataSource: DataSource,
    rabbit: RabbitConnection,
    replicas: ReadReplicaSet,
  ): DependencyProbe[] => [
    mysqlProbe('mysql', dataSource, true),
    rabbitProbe(rabbit),
    ...replicas.all.map((replica) => replica.probe()),
    ...(redis.url ? [new RedisProbe(redis.url)] : []),
  ],
};
