/**
 * The gateway's read replicas (DB_REPLICA_HOSTS): which one takes the next read, their states
 * for readiness, and closing them.
 */
import type { ReadReplicasProbe, ReplicaHealth } from '@beacon/observability';
import type { OnModuleDestroy } from '@nestjs/common';
import type { ReadReplica } from './read-replica';

export class ReadReplicaSet implements ReadReplicasProbe, OnModuleDestroy {
  private turn = 0;

  constructor(readonly all: readonly ReadReplica[]) {}

  get configured(): boolean {
    return this.all.length > 0;
  }

  /** The serving replicas take reads in turn; undefined when none is serving. */
  pick(): ReadReplica | undefined {
    const serving = this.all.filter((replica) => replica.serving);
    if (serving.length === 0) return undefined;
    this.turn = (this.turn + 1) % serving.length;
    return serving[this.turn];
  }

  health(): Record<string, ReplicaHealth> {
    return Object.fromEntries(this.all.map((replica) => [replica.name, replica.state()]));
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all(this.all.map((replica) => replica.close()));
  }
}
