/**
 * `GET /api/analytics/products/top?from=&to=&limit=`: the most viewed products (admin; an
 * admin's API key needs `stats:read`).
 */
import { RequiresScope, Roles } from '@beacon/auth';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTag } from '../openapi/api-operation.decorator';
import {
  topProductsQuerySchema,
  topProductsSchema,
  type TopProducts,
  type TopProductsQuery,
} from './top-products.schemas';
import { TopProductsService } from './top-products.service';

@ApiTag('Stats')
@Controller('api/analytics/products')
export class TopProductsController {
  constructor(private readonly products: TopProductsService) {}

  @Roles('admin')
  @RequiresScope('stats:read')
  @Get('top')
  @ApiOperation({
    summary: 'The most viewed products over a range of UTC days',
    responses: { 200: { description: 'The ranking', schema: topProductsSchema } },
  })
  top(@Query({ schema: topProductsQuerySchema }) query: TopProductsQuery): Promise<TopProducts> {
    return this.products.top(query);
  }
}
