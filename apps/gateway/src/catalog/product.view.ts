/** How a product looks in API responses: the price as a JSON number. */
import type { ProductEntity } from '@beacon/database';

export interface ProductView {
  id: string;
  sku: string;
  name: string;
  description: string;
  category: string;
  price: number;
  stock: number;
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
    createdAt: product.createdAt.toISOString(),
    updatedAt: product.updatedAt.toISOString(),
  };
}
