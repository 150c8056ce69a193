/**
 * Keeps this replica's product cache true to the writes of every replica: a queue of its own
 * (openReplicaEventQueue) receives `product.created`, `.updated` and `.deleted` and evicts each
 * written product and the cached lists. A lost eviction costs at most CACHE_TTL_MS of
 * staleness. With the cache in Redis, the writing replica has evicted the shared entries
 * already; the event only keeps this replica's reads from joining a load that began before the
 * write. Each event also sends this replica's catalog loads to the primary for the
 * read-your-writes window (read replicas), so what it caches next is not a replica's copy from
 * before the write.
 */
import {
  openReplicaEventQueue,
  productCreated,
  productDeleted,
  productUpdated,
  RabbitConnection,
  type ReplicaEventQueue,
} from '@beacon/messaging';
import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { ReadRouter } from '../read-replicas/read-router.service';
import { CATALOG } from '../read-replicas/read-scope';
import { ProductReadCache } from './product-read-cache.service';

@Injectable()
export class ProductCacheInvalidation implements OnModuleInit, OnModuleDestroy {
  private queue: ReplicaEventQueue | undefined;

  constructor(
    private readonly connection: RabbitConnection,
    private readonly cache: ProductReadCache,
    private readonly reads: ReadRouter,
  ) {}

  onModuleInit(): void {
    this.queue = openReplicaEventQueue(this.connection, {
      name: 'product-cache-invalidation',
      contracts: [productCreated, productUpdated, productDeleted],
      onEvent: ({ data }) =>
        void this.reads.wrote(CATALOG).then(() => this.cache.evictOnEvent(data.productId)),
    });
  }

  async onModuleDestroy(): Promise<void> {
    await this.queue?.close();
  }
}
