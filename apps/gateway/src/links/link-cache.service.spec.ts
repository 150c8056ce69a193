import { describe, expect, it } from 'vitest';
import { LinkCache, type CachedLink } from './link-cache.service';

const link = (slug: string, targetUrl = 'https://example.com/'): CachedLink => ({
  id: '1',
  slug,
  targetUrl,
  expiresAtMs: null,
  maxVisits: null,
  passwordHash: null,
  exhausted: false,
  expiryAnnounced: false,
});

describe('LinkCache', () => {
  it('keeps a load that no eviction overtook', () => {
    const cache = new LinkCache();
    const mark = cache.mark();
    cache.set(link('kept'), mark);
    expect(cache.get('kept')?.slug).toBe('kept');
  });

  it('drops a load that an eviction overtook: it may hold the state the eviction removed', () => {
    const cache = new LinkCache();
    const mark = cache.mark();
    cache.delete('edited'); // the link.updated event arrives while the SELECT is in flight
    cache.set(link('edited', 'https://example.com/old'), mark);
    expect(cache.get('edited')).toBeUndefined();
    cache.set(link('edited', 'https://example.com/new'), cache.mark());
    expect(cache.get('edited')?.targetUrl).toBe('https://example.com/new');
  });
});
