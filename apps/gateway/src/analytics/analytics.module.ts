/** Read side of analytics: per-link stats from the rollups the worker writes. */
import { Module } from '@nestjs/common';
import { LinksModule } from '../links/links.module';
import { LinkStatsController } from './link-stats.controller';
import { LinkStatsService } from './link-stats.service';

@Module({
  imports: [LinksModule],
  controllers: [LinkStatsController],
  providers: [LinkStatsService],
})
export class AnalyticsModule {}
