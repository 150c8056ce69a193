/**
 * An API key is `bk_<prefix>_<secret>`: the prefix is 8 random hex digits (the key's public
 * beginning, `bk_1a2b3c4d`, shown in lists so that an owner can tell keys apart) and the secret
 * 32 random bytes as 64 hex digits (hex, so a double click selects the whole key). The key is
 * handed out once; the database keeps its SHA-256, by which a presented key is looked up. 256
 * random bits leave nothing to brute-force, so a fast hash is enough (as for refresh tokens).
 */
import { createHash, randomBytes } from 'node:crypto';

const PREFIX_BYTES = 4;
const SECRET_BYTES = 32;
const KEY_PATTERN = /^bk_[0-9a-f]{8}_[0-9a-f]{64}$/;

export interface NewApiKey {
  /** The key itself, for the creator's eyes only. */
  key: string;
  prefix: string;
  keyHash: string;
}

export function generateApiKey(): NewApiKey {
  const prefix = `bk_${randomBytes(PREFIX_BYTES).toString('hex')}`;
  const key = `${prefix}_${randomBytes(SECRET_BYTES).toString('hex')}`;
  return { key, prefix, keyHash: hashApiKey(key) };
}

/** False for anything this API cannot have issued: refused without a database query. */
export function isWellFormedApiKey(text: string): boolean {
  return KEY_PATTERN.test(text);
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}
