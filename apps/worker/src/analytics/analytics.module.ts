/**
 * Write side of analytics: link.visited events become raw visits, daily visitors and rollups;
 * product.viewed events become views per product per day. Both stores batch the same way.
 */
import { Module } from '@nestjs/common';
import { ProductViewStore } from './product-views/product-view-store.repository';
import { ProductViewedHandler } from './product-views/product-viewed.handler';
import { LinkVisitedHandler } from './visits/link-visited.handler';
import { VisitStore } from './visits/visit-store.repository';
import { CountryResolver } from './countries/country-resolver.service';
import { VisitPurger } from './retention/visit-purger.service';

@Module({
  controllers: [LinkVisitedHandler, ProductViewedHandler],
  providers: [VisitStore, ProductViewStore, CountryResolver, VisitPurger],
})
export class AnalyticsModule {}
