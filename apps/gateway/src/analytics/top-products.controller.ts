/**
 * `GET /api/analytics/products/top?from=&to=&limit=`: the most viewed products (admin; an
 * admin's API key needs `stats:read`).
 */
import { RequiresScope, Roles } from '@beacon/auth';
import { Controller, Get, Query } from '@nestjs/common';
import { topProductsQuerySchema, type TopProductsQuery } from './top-products.schemas';
import { TopProductsService, type TopProducts } from './top-products.service';

@Controller('api/analytics/products')
export class TopProductsController {
  constructor(private readonly products: TopProductsService) {}

  @Roles('admin')
  @RequiresScope('stats:read')
  @Get('top')
  top(@Query({ schema: topProductsQuerySchema }) query: TopProductsQuery): Promise<TopProducts> {
    return this.products.top(query);
  }
}
