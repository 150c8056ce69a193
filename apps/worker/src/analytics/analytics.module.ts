/** Write side of analytics: link.visited events become raw visits and daily rollups. */
import { Module } from '@nestjs/common';
import { LinkVisitedHandler } from './link-visited.handler';
import { VisitBatchWriter } from './visit-batch-writer.service';
import { VisitStore } from './visit-store.repository';

@Module({
  controllers: [LinkVisitedHandler],
  providers: [VisitBatchWriter, VisitStore],
})
export class AnalyticsModule {}
