import { z } from 'zod';
import { defineEvent } from '../event-contract';

/** Id of the product (decimal string: a BIGINT). */
const productId = z.string().regex(/^\d{1,20}$/);

/** Fields of a product that catalog writes carry; the catalog issue may extend them. */
const productFields = z.object({
  productId,
  /** Display name. */
  name: z.string().min(1).max(255),
  /** Category slug, or null. */
  category: z.string().max(64).nullable(),
});

/** Published when a product is created. */
export const productCreated = defineEvent('product.created', 1, productFields);

/** Published when a product is updated; carries the fields after the update. */
export const productUpdated = defineEvent('product.updated', 1, productFields);

/** Published when a product is deleted. */
export const productDeleted = defineEvent('product.deleted', 1, z.object({ productId }));

/** Published when a product is read through the API (`GET /api/products/:id`). */
export const productViewed = defineEvent('product.viewed', 1, z.object({ productId }));
