/** `?page=&limit=` of the list endpoints, and the page they answer with. */
import { z } from 'zod';
import { queryParameters } from '../validation/query-parameters';

export const MAX_PAGE_SIZE = 100;

/** A query parameter holding one integer from 1 to `max`, `fallback` when absent. */
export const positiveIntegerParameter = (fallback: number, max: number) =>
  z
    .string({ error: 'must be one positive integer' })
    .regex(/^\d{1,9}$/, 'must be a positive integer')
    .transform(Number)
    .pipe(z.number().min(1, 'must be at least 1').max(max, `must be at most ${max}`))
    .default(fallback);

/** Page from 1, at most MAX_PAGE_SIZE items (20 by default). */
export const pageQueryShape = {
  page: positiveIntegerParameter(1, 1_000_000),
  limit: positiveIntegerParameter(20, MAX_PAGE_SIZE),
};

export const pageQuerySchema = queryParameters(pageQueryShape);

export type PageQuery = z.infer<typeof pageQuerySchema>;

export interface Page<T> {
  items: T[];
  page: number;
  limit: number;
  total: number;
}

/** The schema of a page of `item`s, for the API's document. */
export const pageSchemaOf = (item: z.ZodType) =>
  z.strictObject({
    items: z.array(item),
    page: z.int().min(1),
    limit: z.int().min(1).max(MAX_PAGE_SIZE),
    total: z.int().min(0).describe('Items over all pages'),
  });
