/**
 * Sends the read-heavy queries (link stats and lookups, the catalog, top products) to a read
 * replica. A read goes to the primary instead when its scope wrote within the read-your-writes
 * window, when no replica is serving (down, too far behind, or its circuit open), when the
 * replica fails it (no request fails because a replica did), and, for `find`, when the replica
 * does not have the row (it may have been written an instant ago, by anyone, on any gateway).
 * Without replicas every read is on the primary, as before. Writes, and reads inside a write's
 * transaction, never come here: they use the primary's repositories and managers.
 */
import {
  Counted,
  DB_READ_FALLBACKS,
  DB_READS,
  zeroCounter,
  type CallOutcome,
} from '@beacon/observability';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ReadReplica, ReadWork } from './read-replica';
import { ReadReplicaSet } from './read-replica-set';
import { ANYONE, type ReadScope, type WriteScope } from './read-scope';
import { RecentWrites } from './recent-writes';

const FALLBACK_REASONS = ['recent_write', 'unavailable', 'replica_error', 'not_found'] as const;
type FallbackReason = (typeof FALLBACK_REASONS)[number];

@Injectable()
export class ReadRouter {
  constructor(
    @InjectDataSource() private readonly primary: DataSource,
    private readonly replicas: ReadReplicaSet,
    private readonly writes: RecentWrites,
  ) {
    // Every series from the start, so that increase() sees the first read of each.
    zeroCounter(DB_READS, { pool: 'primary' });
    if (!replicas.configured) return;
    zeroCounter(DB_READS, { pool: 'replica' });
    for (const reason of FALLBACK_REASONS) zeroCounter(DB_READ_FALLBACKS, { reason });
  }

  read<T>(scope: ReadScope, work: ReadWork<T>): Promise<T> {
    return this.route(scope, work, () => false);
  }

  /** A lookup whose null answer from a replica is asked again of the primary. */
  find<T>(scope: ReadScope, work: ReadWork<T | null>): Promise<T | null> {
    return this.route(scope, work, (found) => found === null);
  }

  /** After a write that each of `scopes`' reads must see has committed. */
  async wrote(...scopes: WriteScope[]): Promise<void> {
    if (!this.replicas.configured) return;
    await Promise.all(scopes.map((scope) => this.writes.note(scope)));
  }

  private async route<T>(
    scope: ReadScope,
    work: ReadWork<T>,
    missing: (result: T) => boolean,
  ): Promise<T> {
    if (!this.replicas.configured) return this.onPrimary(work);
    if (scope !== ANYONE && (await this.writes.has(scope))) {
      return this.fallBack('recent_write', work);
    }
    const replica = this.replicas.pick();
    if (!replica) return this.fallBack('unavailable', work);
    let result: T;
    try {
      result = await this.onReplica(replica, work);
    } catch {
      return this.fallBack('replica_error', work);
    }
    return missing(result) ? this.fallBack('not_found', work) : result;
  }

  @Counted(DB_READS, { labels: ({ failed }) => (failed ? null : { pool: 'primary' }) })
  private onPrimary<T>(work: ReadWork<T>): Promise<T> {
    return work(this.primary.manager);
  }

  @Counted(DB_READS, { labels: ({ failed }) => (failed ? null : { pool: 'replica' }) })
  private onReplica<T>(replica: ReadReplica, work: ReadWork<T>): Promise<T> {
    return replica.run(work);
  }

  @Counted(DB_READ_FALLBACKS, {
    labels: ({ args: [reason] }: CallOutcome<[FallbackReason, ReadWork<unknown>]>) => ({ reason }),
  })
  private fallBack<T>(reason: FallbackReason, work: ReadWork<T>): Promise<T> {
    return this.onPrimary(work);
  }
}
