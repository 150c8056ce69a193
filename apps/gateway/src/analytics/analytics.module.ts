/** Read side of analytics: per-link stats from the rollups the worker writes. */
import { LinkDailyBreakdownEntity, LinkDailyStatsEntity } from '@beacon/database';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LinksModule } from '../links/links.module';
import { LinkStatsController } from './link-stats.controller';
import { LinkStatsService } from './link-stats.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([LinkDailyStatsEntity, LinkDailyBreakdownEntity]),
    LinksModule,
  ],
  controllers: [LinkStatsController],
  providers: [LinkStatsService],
})
export class AnalyticsModule {}
