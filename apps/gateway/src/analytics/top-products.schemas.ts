/** Query of `GET /api/analytics/products/top`: a range of UTC days and how many products. */
import type { z } from 'zod';
import { positiveIntegerParameter } from '../pagination/page-query';
import { dayRangeQuery } from './day-range.schemas';

export const MAX_TOP_PRODUCTS = 100;

export const topProductsQuerySchema = dayRangeQuery({
  limit: positiveIntegerParameter(10, MAX_TOP_PRODUCTS),
});

export type TopProductsQuery = z.infer<typeof topProductsQuerySchema>;
