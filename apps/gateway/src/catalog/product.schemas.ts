/** zod schemas of the catalog API: product bodies and the list query. */
import { z } from 'zod';
import { jsonBody } from '../validation/json-body';
import { pageQueryShape } from '../pagination/page-query';
import { queryParameters } from '../validation/query-parameters';

const MAX_PRICE = 9_999_999_999.99;
const MAX_STOCK = 2_147_483_647;
const MAX_QUERY_LENGTH = 200;

const noControlCharacters = (value: string) => !/\p{Cc}/u.test(value);

const skuSchema = z
  .string({ error: 'required, a string' })
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'must be 1-64 letters, digits, ".", "_" or "-"');

const nameSchema = z
  .string({ error: 'required, a string' })
  .trim()
  .min(1, 'required')
  .max(200, 'at most 200 characters')
  .refine(noControlCharacters, 'must not contain control characters');

const descriptionSchema = z
  .string({ error: 'must be a string' })
  .max(5_000, 'at most 5000 characters')
  .refine((value) => noControlCharacters(value.replace(/[\n\r\t]/g, ' ')), {
    message: 'must not contain control characters',
  });

export const categorySchema = z
  .string({ error: 'required, a string' })
  .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'must be 1-64 lower-case letters, digits or "-"');

/** Money: at most two decimals, stored exactly as DECIMAL(12,2). */
const priceSchema = z
  .number({ error: 'must be a number' })
  .min(0, 'must not be negative')
  .max(MAX_PRICE, `must be at most ${MAX_PRICE}`)
  .refine(
    (price) =>
      Number.isInteger(Math.round(price * 100)) &&
      Math.abs(price * 100 - Math.round(price * 100)) < 1e-6,
    'must have at most two decimals',
  );

const stockSchema = z
  .number({ error: 'must be an integer' })
  .int('must be an integer')
  .min(0, 'must not be negative')
  .max(MAX_STOCK, `must be at most ${MAX_STOCK}`);

export const createProductSchema = jsonBody({
  sku: skuSchema,
  name: nameSchema,
  description: descriptionSchema.default(''),
  category: categorySchema,
  price: priceSchema,
  stock: stockSchema.default(0),
});

export type CreateProductInput = z.infer<typeof createProductSchema>;

export const updateProductSchema = jsonBody({
  name: nameSchema.optional(),
  description: descriptionSchema.optional(),
  category: categorySchema.optional(),
  price: priceSchema.optional(),
  stock: stockSchema.optional(),
}).refine((patch) => Object.keys(patch).length > 0, 'must change at least one field');

export type UpdateProductInput = z.infer<typeof updateProductSchema>;

export const PRODUCT_SORTS = ['price', '-price', 'name', '-createdAt', 'relevance'] as const;
export type ProductSort = (typeof PRODUCT_SORTS)[number];

const priceParameter = z
  .string({ error: 'must be one number' })
  .regex(/^\d{1,10}(\.\d{1,2})?$/, 'must be a price such as 19.99')
  .transform(Number);

export const productQuerySchema = queryParameters({
  category: categorySchema.optional(),
  q: z
    .string({ error: 'must be one string' })
    .trim()
    .min(1, 'must not be empty')
    .max(MAX_QUERY_LENGTH, `at most ${MAX_QUERY_LENGTH} characters`)
    .optional(),
  minPrice: priceParameter.optional(),
  maxPrice: priceParameter.optional(),
  sort: z.enum(PRODUCT_SORTS, { error: `must be one of ${PRODUCT_SORTS.join(', ')}` }).optional(),
  ...pageQueryShape,
})
  .refine((query) => query.sort !== 'relevance' || query.q !== undefined, {
    message: 'relevance needs a search (q)',
    path: ['sort'],
  })
  .refine(
    (query) =>
      query.minPrice === undefined ||
      query.maxPrice === undefined ||
      query.minPrice <= query.maxPrice,
    { message: 'must not be above maxPrice', path: ['minPrice'] },
  );

export type ProductQuery = z.infer<typeof productQuerySchema>;
