/** `GET /api/analytics/products/top`: its query (a range of UTC days, how many) and answer. */
import { z } from 'zod';
import { positiveIntegerParameter } from '../pagination/page-query';
import { dayRangeQuery } from './day-range.schemas';

export const MAX_TOP_PRODUCTS = 100;

export const topProductsQuerySchema = dayRangeQuery({
  limit: positiveIntegerParameter(10, MAX_TOP_PRODUCTS),
});

export type TopProductsQuery = z.infer<typeof topProductsQuerySchema>;

export const topProductsSchema = z.strictObject({
  from: z.iso.date(),
  to: z.iso.date(),
  items: z
    .array(
      z.strictObject({
        productId: z.string(),
        sku: z.string(),
        name: z.string(),
        category: z.string(),
        views: z.int().min(0),
      }),
    )
    .describe('Most viewed first'),
});

export type TopProducts = z.infer<typeof topProductsSchema>;
export type TopProduct = TopProducts['items'][number];
