/**
 * How a product looks in API responses: the price as a JSON number; `classifiedCategory` and
 * `summary` from the worker's enrichment (null until it has run).
 */
import type { ProductEntity } from '@beacon/database';

export interface ProductView {
  id: string;
  sku: string;
  name: string;
  description: string;
  category: string;
  price: number;
  stock: number;
  classifiedCategory: string | null;
  summary: string | null;
  createdAt: string;
  updatedAt: string;
}

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
