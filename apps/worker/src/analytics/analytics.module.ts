/**
 * Write side of analytics: link.visited events become raw visits, daily visitors and rollups;
 * product.viewed events become views per product per day. Both stores batch the same way.
 * Stored visits are announced (link.visit.stored) for the gateways' live streams.
 */
import { MessagingModule } from '@beacon/messaging';
import { Module } from '@nestjs/common';
import { ProductViewStore } from './product-views/product-view-store.repository';
import { ProductViewedHandler } from './product-views/product-viewed.handler';
import { LinkVisitedHandler } from './visits/link-visited.handler';
import { StoredVisitPublisher } from './visits/stored-visit.publisher';
import { VisitStore } from './visits/visit-store.repository';
import { CountryResolver } from './countries/country-resolver.service';
import { VisitPurger } from './retention/visit-purger.service';

@Module({
  imports: [MessagingModule],
  controllers: [LinkVisitedHandler, ProductViewedHandler],
  providers: [VisitStore, ProductViewStore, CountryResolver, VisitPurger, StoredVisitPublisher],
})
export class AnalyticsModule {}
