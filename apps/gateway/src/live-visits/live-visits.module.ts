/**
 * Live visits: each replica follows every stored visit (link.visit.stored) and streams those of
 * a link to its owner as Server-Sent Events, with a short replay for resumed streams.
 */
import { MessagingModule } from '@beacon/messaging';
import { Module } from '@nestjs/common';
import { LinksModule } from '../links/links.module';
import { LiveVisitFeed } from './live-visit-feed.service';
import { LiveVisitStreams } from './live-visit-streams.service';
import { LiveVisitsController } from './live-visits.controller';

@Module({
  imports: [MessagingModule, LinksModule],
  controllers: [LiveVisitsController],
  providers: [LiveVisitFeed, LiveVisitStreams],
})
export class LiveVisitsModule {}
