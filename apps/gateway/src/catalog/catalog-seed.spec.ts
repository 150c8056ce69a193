import { describe, expect, it } from 'vitest';
import { createProductSchema } from './product.schemas';
import { SEED_CATEGORIES, seedProducts } from './catalog-seed';

describe('seedProducts', () => {
  it('yields the same products on every run', () => {
    expect([...seedProducts(50)]).toEqual([...seedProducts(50)]);
    expect([...seedProducts(50, 7)]).not.toEqual([...seedProducts(50)]);
  });

  it('yields products the API itself would accept, over every category', () => {
    const products = [...seedProducts(500)];
    expect(new Set(products.map((product) => product.sku)).size).toBe(500);
    for (const product of products) {
      expect(
        createProductSchema.safeParse({ ...product, price: Number(product.price) }).success,
      ).toBe(true);
    }
    expect(new Set(products.map((product) => product.category))).toEqual(new Set(SEED_CATEGORIES));
  });
});
