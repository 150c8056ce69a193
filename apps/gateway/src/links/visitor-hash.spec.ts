import { describe, expect, it } from 'vitest';
import { VisitorHasher } from './visitor-hash';

describe('VisitorHasher', () => {
  const hasher = new VisitorHasher('server-secret');
  const morning = new Date('2026-11-25T08:00:00Z');
  const evening = new Date('2026-11-25T23:59:59Z');
  const nextDay = new Date('2026-11-26T00:00:00Z');

  it('gives the same visitor the same hash all day', () => {
    expect(hasher.hash('203.0.113.9', 'UA', morning)).toBe(
      hasher.hash('203.0.113.9', 'UA', evening),
    );
  });

  it('gives a new hash the next day, so days cannot be joined', () => {
    expect(hasher.hash('203.0.113.9', 'UA', morning)).not.toBe(
      hasher.hash('203.0.113.9', 'UA', nextDay),
    );
  });

  it('separates visitors by IP and by user agent', () => {
    const base = hasher.hash('203.0.113.9', 'UA', morning);
    expect(hasher.hash('203.0.113.10', 'UA', morning)).not.toBe(base);
    expect(hasher.hash('203.0.113.9', 'UA2', morning)).not.toBe(base);
  });

  it('depends on the server secret and reveals nothing of the IP', () => {
    const hash = hasher.hash('203.0.113.9', 'UA', morning);
    expect(new VisitorHasher('other-secret').hash('203.0.113.9', 'UA', morning)).not.toBe(hash);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).not.toContain('203');
  });
});
