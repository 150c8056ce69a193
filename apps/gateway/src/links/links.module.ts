/** The URL shortener: links API, the redirect hot path and its cache. */
import { AuthModule } from '@beacon/auth';
import { LinkEntity } from '@beacon/database';
import { MessagingModule } from '@beacon/messaging';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OutboxModule } from '../outbox/outbox.module';
import { DatabaseBreakerModule } from '../database-breaker/database-breaker.module';
import { RateLimitModule } from '../rate-limits/rate-limit.module';
import { ReadReplicasModule } from '../read-replicas/read-replicas.module';
import { LinkCache } from './link-cache.service';
import { LinkCacheInvalidation } from './link-cache-invalidation.service';
import { LinkExpiryAnnouncer } from './link-expiry-announcer.service';
import { LinkRedirectRoute } from './link-redirect.route';
import { LinkRedirectService } from './link-redirect.service';
import { LinkUnlockController } from './link-unlock.controller';
import { LinksController } from './links.controller';
import { LinksService } from './links.service';
import { LinkTagsController } from './tags/link-tags.controller';
import { LinkTagsService } from './tags/link-tags.service';
import { VisitRecorder } from './visit-recorder.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([LinkEntity]),
    MessagingModule,
    OutboxModule,
    AuthModule,
    DatabaseBreakerModule,
    RateLimitModule,
    ReadReplicasModule,
  ],
  controllers: [LinksController, LinkUnlockController, LinkTagsController],
  providers: [
    LinksService,
    LinkRedirectService,
    LinkExpiryAnnouncer,
    LinkRedirectRoute,
    LinkCache,
    LinkCacheInvalidation,
    VisitRecorder,
    LinkTagsService,
  ],
  exports: [LinksService],
})
export class LinksModule {}
