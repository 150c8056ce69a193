import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateApiKey, hashApiKey, isWellFormedApiKey } from './api-key-format';

describe('API key format', () => {
  it('issues bk_<8 hex>_<64 hex> keys that start with their prefix', () => {
    const { key, prefix } = generateApiKey();
    expect(key).toMatch(/^bk_[0-9a-f]{8}_[0-9a-f]{64}$/);
    expect(prefix).toMatch(/^bk_[0-9a-f]{8}$/);
    expect(key.startsWith(`${prefix}_`)).toBe(true);
    expect(isWellFormedApiKey(key)).toBe(true);
  });

  it('never issues the same key or prefix twice in a row', () => {
    const keys = Array.from({ length: 100 }, () => generateApiKey());
    expect(new Set(keys.map((issued) => issued.key)).size).toBe(100);
    expect(new Set(keys.map((issued) => issued.prefix)).size).toBe(100);
  });

  it('stores the SHA-256 of the whole key, never the key', () => {
    const { key, keyHash } = generateApiKey();
    expect(keyHash).toBe(createHash('sha256').update(key).digest('hex'));
    expect(hashApiKey(key)).toBe(keyHash);
    expect(keyHash).not.toContain(key.slice(12));
  });

  it('refuses what this API cannot have issued', () => {
    const { key } = generateApiKey();
    for (const forged of [
      key.toUpperCase(),
      key.slice(0, -1),
      `${key}0`,
      key.replace('bk_', 'sk_'),
      ` ${key}`,
      '',
      "bk_' OR 1=1 --",
    ]) {
      expect(isWellFormedApiKey(forged)).toBe(false);
    }
  });
});
