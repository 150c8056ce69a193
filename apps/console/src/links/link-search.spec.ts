import { describe, expect, it } from 'vitest';
import type { Link } from './link';
import { matchesText } from './link-search';

const link = {
  slug: 'Launch-2026',
  url: 'https://example.com/blog/post',
  tags: ['news'],
} as Link;

describe('the links search', () => {
  it.each(['launch', 'example.com/blog', 'new'])('finds a link by %s', (text) => {
    expect(matchesText(link, text)).toBe(true);
  });

  it('misses a link with the text nowhere', () => {
    expect(matchesText(link, 'pricing')).toBe(false);
  });
});
