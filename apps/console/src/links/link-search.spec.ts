import { describe, expect, it } from 'vitest';
import { linkListPath, NO_FILTER } from './link-search';

describe('the links list query', () => {
  it('asks for a page of ten', () => {
    expect(linkListPath(NO_FILTER)).toBe('/api/links?page=1&limit=10');
  });

  it('sends the trimmed search as q and the tag, encoded', () => {
    expect(linkListPath({ search: '  50% off ', tag: 'q&a', page: 2 })).toBe(
      '/api/links?page=2&limit=10&q=50%25+off&tag=q%26a',
    );
  });
});
