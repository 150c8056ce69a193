/**
 * Slug rules: what a custom slug may be, and how random slugs are drawn (7 characters from
 * 62 letters, crypto-random: 62^7 ≈ 3.5e12, so collisions are rare and retried).
 */
import { randomInt } from 'node:crypto';

export const SLUG_PATTERN = /^[A-Za-z0-9_-]{3,64}$/;

/** Words that collide with the gateway's own routes (compared case-insensitively). */
export const RESERVED_SLUGS: ReadonlySet<string> = new Set([
  'api',
  'auth',
  'metrics',
  'health',
  'docs',
  'assets',
]);

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
export const RANDOM_SLUG_LENGTH = 7;

export function randomSlug(): string {
  let slug = '';
  for (let i = 0; i < RANDOM_SLUG_LENGTH; i++) slug += ALPHABET[randomInt(ALPHABET.length)];
  return slug;
}

export function isReservedSlug(slug: string): boolean {
  return RESERVED_SLUGS.has(slug.toLowerCase());
}

/**
 * Whether a redirect path can be a slug at all (anything else is a 404 without a lookup). A
 * reserved word never is: `/metrics` reaches the redirect when METRICS_PORT serves it elsewhere,
 * and a stale scraper must not cost a MySQL query per scrape.
 */
export function isWellFormedSlug(slug: string): boolean {
  return SLUG_PATTERN.test(slug) && !isReservedSlug(slug);
}
