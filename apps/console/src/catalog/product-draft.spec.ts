import { describe, expect, it } from 'vitest';
import { createBodyOf, draftOf, EMPTY_DRAFT, updateBodyOf } from './product-draft';

describe('the product form draft', () => {
  it('sends prices and stock as numbers, and an empty or unreadable one as null', () => {
    const draft = { ...EMPTY_DRAFT, sku: 'A-1', name: 'Lamp', price: '19.90', stock: '3' };
    expect(createBodyOf(draft)).toEqual({
      sku: 'A-1',
      name: 'Lamp',
      description: '',
      category: '',
      price: 19.9,
      stock: 3,
    });
    expect(createBodyOf({ ...draft, price: ' ', stock: 'x' })).toMatchObject({
      price: null,
      stock: null,
    });
  });

  it('edits every field but the sku, starting from the product as listed', () => {
    const product = {
      id: '7',
      sku: 'A-1',
      name: 'Lamp',
      description: 'Warm',
      category: 'lighting',
      price: 5,
      stock: 2,
    };
    const draft = draftOf(product);
    expect(draft.price).toBe('5.00');
    expect(updateBodyOf(draft)).toEqual({
      name: 'Lamp',
      description: 'Warm',
      category: 'lighting',
      price: 5,
      stock: 2,
    });
  });
});
