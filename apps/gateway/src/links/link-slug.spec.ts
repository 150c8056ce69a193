import { describe, expect, it } from 'vitest';
import { isReservedSlug, isWellFormedSlug, RANDOM_SLUG_LENGTH, randomSlug } from './link-slug';

describe('randomSlug', () => {
  it('draws 7 characters from the 62-letter alphabet', () => {
    for (let i = 0; i < 1_000; i++) {
      expect(randomSlug()).toMatch(new RegExp(`^[A-Za-z0-9]{${RANDOM_SLUG_LENGTH}}$`));
    }
  });

  it('uses the whole alphabet, roughly evenly', () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 2_000; i++) {
      for (const letter of randomSlug()) counts.set(letter, (counts.get(letter) ?? 0) + 1);
    }
    expect(counts.size).toBe(62);
    // 14,000 draws over 62 letters: ~226 each; a biased generator falls far outside this band.
    for (const count of counts.values()) expect(count).toBeGreaterThan(150);
  });

  it('never draws a reserved or malformed slug', () => {
    const slug = randomSlug();
    expect(isWellFormedSlug(slug)).toBe(true);
    expect(isReservedSlug(slug)).toBe(false);
  });
});

describe('isWellFormedSlug', () => {
  it.each(['abc', 'my-link_2', 'x'.repeat(64)])('takes %s as a possible slug', (slug) => {
    expect(isWellFormedSlug(slug)).toBe(true);
  });

  it.each(['ab', 'x'.repeat(65), 'a.b', 'metrics', 'Metrics', 'health'])(
    'never looks %s up: it cannot be a slug',
    (slug) => {
      expect(isWellFormedSlug(slug)).toBe(false);
    },
  );
});
