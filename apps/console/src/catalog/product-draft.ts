/**
 * The product form's text, and the API bodies made from it. Numbers go as JSON numbers; an
 * empty or unreadable number goes as null, so the API names the field ("must be a number")
 * instead of the form guessing a value.
 */
import type { Product } from './product';

export interface ProductDraft {
  sku: string;
  name: string;
  description: string;
  category: string;
  price: string;
  stock: string;
}

export const EMPTY_DRAFT: ProductDraft = {
  sku: '',
  name: '',
  description: '',
  category: '',
  price: '',
  stock: '0',
};

export function draftOf(product: Product): ProductDraft {
  const { sku, name, description, category } = product;
  return {
    sku,
    name,
    description,
    category,
    price: product.price.toFixed(2),
    stock: String(product.stock),
  };
}

/** The body of PATCH /api/products/:id: every field but the sku, which never changes. */
export function updateBodyOf(draft: ProductDraft) {
  return {
    name: draft.name,
    description: draft.description,
    category: draft.category,
    price: numberOf(draft.price),
    stock: numberOf(draft.stock),
  };
}

/** The body of POST /api/products. */
export function createBodyOf(draft: ProductDraft) {
  return { sku: draft.sku, ...updateBodyOf(draft) };
}

function numberOf(text: string): number | null {
  const value = Number(text);
  return text.trim() === '' || Number.isNaN(value) ? null : value;
}
