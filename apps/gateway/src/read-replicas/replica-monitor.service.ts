/**
 * Checks every read replica's lag each CHECK_INTERVAL_MS, not per query, exports it as
 * `db_replica_lag_seconds{replica}`, and logs each replica leaving or rejoining the rotation.
 * The first check runs before the gateway takes requests, so replicas serve from the start.
 */
import { DB_REPLICA_LAG, gaugeOf } from '@beacon/observability';
import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { ReadReplica } from './read-replica';
import { ReadReplicaSet } from './read-replica-set';
import { CHECK_INTERVAL_MS, CHECK_TIMEOUT_MS } from './read-replicas.constants';

@Injectable()
export class ReplicaMonitor implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('ReadReplicas');
  private readonly lag = gaugeOf(DB_REPLICA_LAG);
  private readonly wasServing = new Map<ReadReplica, boolean>();
  private timer: NodeJS.Timeout | undefined;
  private round: Promise<void> | undefined;

  constructor(private readonly replicas: ReadReplicaSet) {}

  async onModuleInit(): Promise<void> {
    if (!this.replicas.configured) return;
    await this.checkAll();
    this.timer = setInterval(() => {
      this.round ??= this.checkAll().finally(() => (this.round = undefined));
    }, CHECK_INTERVAL_MS).unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.round;
  }

  private async checkAll(): Promise<void> {
    await Promise.all(this.replicas.all.map((replica) => this.check(replica)));
  }

  private async check(replica: ReadReplica): Promise<void> {
    await replica.check(CHECK_TIMEOUT_MS);
    const { serving, lagSeconds, reason } = replica.state();
    this.lag.labels({ replica: replica.name }).set(lagSeconds ?? Infinity);
    if (this.wasServing.get(replica) === serving) return;
    this.wasServing.set(replica, serving);
    if (serving) this.logger.log(`replica ${replica.name} serves reads (${lagSeconds} s behind)`);
    else this.logger.warn(`replica ${replica.name} skipped: ${reason}`);
  }
}
