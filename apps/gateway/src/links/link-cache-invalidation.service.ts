/**
 * Keeps this replica's link cache true to the edits and deletions made on every replica: a
 * queue of its own (openReplicaEventQueue) receives `link.updated` and `link.deleted` and evicts
 * the slug at once, so the next visit reads the link's new state from MySQL. Without it another
 * replica would redirect a deleted, re-targeted or newly protected link until its entry expired.
 * A lost eviction (the broker away) costs at most the cache's TTL. With read replicas, the
 * slug's next lookups go to the primary for the read-your-writes window first, so a replica
 * that has not seen the change cannot bring the old link back.
 */
import {
  linkDeleted,
  linkUpdated,
  openReplicaEventQueue,
  RabbitConnection,
  type ReplicaEventQueue,
} from '@beacon/messaging';
import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { ReadRouter } from '../read-replicas/read-router.service';
import { linkScope } from '../read-replicas/read-scope';
import { LinkCache } from './link-cache.service';

@Injectable()
export class LinkCacheInvalidation implements OnModuleInit, OnModuleDestroy {
  private queue: ReplicaEventQueue | undefined;

  constructor(
    private readonly connection: RabbitConnection,
    private readonly cache: LinkCache,
    private readonly reads: ReadRouter,
  ) {}

  onModuleInit(): void {
    this.queue = openReplicaEventQueue(this.connection, {
      name: 'link-cache-invalidation',
      contracts: [linkUpdated, linkDeleted],
      onEvent: ({ data }) =>
        void this.reads.wrote(linkScope(data.slug)).then(() => this.cache.delete(data.slug)),
    });
  }

  async onModuleDestroy(): Promise<void> {
    await this.queue?.close();
  }
}
