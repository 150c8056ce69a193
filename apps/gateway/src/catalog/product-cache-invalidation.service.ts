/**
 * Keeps this replica's product cache true to the writes of every replica: an exclusive,
 * auto-deleted queue of its own, bound to `product.created`, `.updated` and `.deleted` on the
 * events exchange (declared again on every reconnection), evicts each written product and the
 * cached lists. Deliveries are not acknowledged one by one (`noAck`): a lost eviction costs at
 * most CACHE_TTL_MS of staleness, and the queue dies with the replica. With the cache in Redis,
 * the writing replica has evicted the shared entries already; the event only keeps this
 * replica's reads from joining a load that began before the write. Each event also sends this
 * replica's catalog loads to the primary for the read-your-writes window (read replicas), so
 * what it caches next is not a replica's copy from before the write.
 */
import { parseInboundMessage, RabbitConnection } from '@beacon/messaging';
import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { ChannelWrapper } from 'amqp-connection-manager';
import type { Channel, ConsumeMessage } from 'amqplib';
import { ReadRouter } from '../read-replicas/read-router.service';
import { CATALOG } from '../read-replicas/read-scope';
import { ProductReadCache } from './product-read-cache.service';

const PRODUCT_WRITES = ['product.created', 'product.updated', 'product.deleted'];

@Injectable()
export class ProductCacheInvalidation implements OnModuleInit, OnModuleDestroy {
  private channel: ChannelWrapper | undefined;

  constructor(
    private readonly connection: RabbitConnection,
    private readonly cache: ProductReadCache,
    private readonly reads: ReadRouter,
  ) {}

  onModuleInit(): void {
    const exchange = this.connection.topology.eventsExchange;
    this.channel = this.connection.createChannel({
      name: 'product-cache-invalidation',
      setup: async (channel: Channel) => {
        await channel.assertExchange(exchange, 'topic', { durable: true });
        const { queue } = await channel.assertQueue('', { exclusive: true, autoDelete: true });
        for (const key of PRODUCT_WRITES) await channel.bindQueue(queue, exchange, key);
        await channel.consume(queue, (message) => this.evict(message), { noAck: true });
      },
    });
  }

  async onModuleDestroy(): Promise<void> {
    await this.channel?.close();
  }

  private evict(message: ConsumeMessage | null): void {
    if (!message) return;
    for (const event of parseInboundMessage(message.content)) {
      if (!event.valid) continue;
      const { productId } = event.envelope.data as { productId: string };
      void this.reads.wrote(CATALOG).then(() => this.cache.evictOnEvent(productId));
    }
  }
}
