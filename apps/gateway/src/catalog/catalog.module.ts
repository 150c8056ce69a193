/** The product catalog (`/api/products`), its read cache (in process, or Redis with REDIS_URL). */
import { BEACON_CONFIG, type BeaconConfig } from '@beacon/config';
import { ProductEntity } from '@beacon/database';
import { MessagingModule } from '@beacon/messaging';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OutboxModule } from '../outbox/outbox.module';
import { ReadReplicasModule } from '../read-replicas/read-replicas.module';
import { ProductsController } from './products.controller';
import { ProductCacheInvalidation } from './product-cache-invalidation.service';
import { InProcessProductCacheStore, ProductCacheStore } from './product-cache.store';
import { ProductReadCache } from './product-read-cache.service';
import { RedisProductCacheStore } from './redis-product-cache.store';
import { ProductsService } from './products.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([ProductEntity]),
    MessagingModule,
    OutboxModule,
    ReadReplicasModule,
  ],
  controllers: [ProductsController],
  providers: [
    ProductsService,
    ProductReadCache,
    ProductCacheInvalidation,
    {
      provide: ProductCacheStore,
      inject: [BEACON_CONFIG],
      useFactory: ({ redis, cache }: BeaconConfig): ProductCacheStore =>
        redis.url
          ? new RedisProductCacheStore(redis.url, redis.keyPrefix, cache.ttlMs)
          : new InProcessProductCacheStore(cache.ttlMs),
    },
  ],
})
export class CatalogModule {}
