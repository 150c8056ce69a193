/** Read side of analytics: per-link stats and the most viewed products, from the worker's rollups. */
import { Module } from '@nestjs/common';
import { LinksModule } from '../links/links.module';
import { ReadReplicasModule } from '../read-replicas/read-replicas.module';
import { LinkStatsController } from './link-stats.controller';
import { LinkStatsService } from './link-stats.service';
import { TopProductsController } from './top-products.controller';
import { TopProductsService } from './top-products.service';

@Module({
  imports: [LinksModule, ReadReplicasModule],
  controllers: [LinkStatsController, TopProductsController],
  providers: [LinkStatsService, TopProductsService],
})
export class AnalyticsModule {}
