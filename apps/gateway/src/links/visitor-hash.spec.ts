import { describe, expect, it } from 'vitest';
import { VisitorHasher } from './visitor-hash';

describe('VisitorHasher', () => {
  const hasher = new VisitorHasher('server-secret');
  const today = '2026-11-25';
  const tomorrow = '2026-11-26';

  it('gives a visitor the same hash all day, on every replica sharing the secret', () => {
    expect(hasher.hash('203.0.113.9', 'UA', today)).toBe(
      new VisitorHasher('server-secret').hash('203.0.113.9', 'UA', today),
    );
  });

  it('gives a new hash the next day, so days cannot be joined', () => {
    expect(hasher.hash('203.0.113.9', 'UA', today)).not.toBe(
      hasher.hash('203.0.113.9', 'UA', tomorrow),
    );
  });

  it('separates visitors by IP and by user agent', () => {
    const base = hasher.hash('203.0.113.9', 'UA', today);
    expect(hasher.hash('203.0.113.10', 'UA', today)).not.toBe(base);
    expect(hasher.hash('203.0.113.9', 'UA2', today)).not.toBe(base);
  });

  it('depends on the server secret and reveals nothing of the IP', () => {
    const hash = hasher.hash('203.0.113.9', 'UA', today);
    expect(new VisitorHasher('other-secret').hash('203.0.113.9', 'UA', today)).not.toBe(hash);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).not.toContain('203');
  });
});
