import { describe, expect, it } from 'vitest';
import { classifyProductLocally } from './local-product-classifier';

const product = (name: string, category = 'misc', description = '') => ({
  name,
  category,
  description,
});

describe('classifyProductLocally', () => {
  it("keeps the shop's category when it is one of the set", () => {
    expect(classifyProductLocally(product('Oak Thing', 'Garden')).category).toBe('garden');
  });

  it('reads keywords from the name, then the description', () => {
    expect(classifyProductLocally(product('Copper Kettle')).category).toBe('kitchen');
    expect(classifyProductLocally(product('Gift', 'misc', 'A USB charger')).category).toBe(
      'electronics',
    );
  });

  it('answers other, with the name as the summary, when nothing matches', () => {
    expect(classifyProductLocally(product('Mystery Box'))).toEqual({
      category: 'other',
      summary: 'Mystery Box',
    });
  });
});
