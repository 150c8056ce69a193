/**
 * How a product looks in API responses: the price as a JSON number; `classifiedCategory` and
 * `summary` from the worker's enrichment (null until it has run).
 */
import { z } from 'zod';
import type { ProductEntity } from '@beacon/database';

export const productViewSchema = z
  .strictObject({
    id: z.string(),
    sku: z.string(),
    name: z.string(),
    description: z.string(),
    category: z.string(),
    price: z.number(),
    stock: z.int(),
    classifiedCategory: z
      .string()
      .nullable()
      .describe("The worker's enrichment; null until it ran"),
    summary: z.string().nullable(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({
    examples: [
      {
        id: '0f8c3a52-6b1e-4d8e-9a61-3c2b7d9e1f40',
        sku: 'LAMP-001',
        name: 'Desk lamp',
        description: 'A warm LED desk lamp.',
        category: 'home',
        price: 39.9,
        stock: 12,
        classifiedCategory: 'home',
        summary: 'An LED desk lamp with warm light.',
        createdAt: '2026-12-01T09:30:00.000Z',
        updatedAt: '2026-12-01T09:30:00.000Z',
      },
    ],
  });

export type ProductView = z.infer<typeof productViewSchema>;

export function toProductView(product: ProductEntity): ProductView {
  return {
    id: product.id,
    sku: product.sku,
    name: product.name,
    description: product.description,
    category: product.category,
    price: Number(product.price),
    stock: product.stock,
    classifiedCategory: product.classifiedCategory,
    summary: product.summary,
    createdAt: product.createdAt.toISOString(),
    updatedAt: product.updatedAt.toISOString(),
  };
}
