/** The product catalog (`/api/products`). */
import { ProductEntity } from '@beacon/database';
import { MessagingModule } from '@beacon/messaging';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ProductsController } from './products.controller';
import { ProductCacheInvalidation } from './product-cache-invalidation.service';
import { ProductReadCache } from './product-read-cache.service';
import { ProductsService } from './products.service';

@Module({
  imports: [TypeOrmModule.forFeature([ProductEntity]), MessagingModule],
  controllers: [ProductsController],
  providers: [ProductsService, ProductReadCache, ProductCacheInvalidation],
})
export class CatalogModule {}
