/**
 * Webhook secrets at rest. The worker signs with the secret itself, so it cannot be stored as a
 * hash: it is encrypted with AES-256-GCM under a key derived by HKDF-SHA256 from JWT_SECRET
 * (docs/security.md says why that key). Stored form: `v1.<iv>.<tag>.<ciphertext>`, base64url;
 * the webhook's id is not bound in (it is unknown before the INSERT), the owner's is, so a
 * ciphertext copied onto another user's row does not open.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const VERSION = 'v1';
/** HKDF's info: a key for this purpose only, unrelated to the JWT signing key it comes from. */
const KEY_INFO = 'beacon webhook secrets v1';
const IV_BYTES = 12;

export class WebhookSecretBox {
  private readonly key: Buffer;

  constructor(jwtSecret: string) {
    this.key = Buffer.from(hkdfSync('sha256', jwtSecret, Buffer.alloc(0), KEY_INFO, 32));
  }

  seal(secret: string, ownerId: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv).setAAD(Buffer.from(ownerId));
    const ciphertext = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    const parts = [iv, cipher.getAuthTag(), ciphertext].map((part) => part.toString('base64url'));
    return [VERSION, ...parts].join('.');
  }

  /** Throws when the text was not sealed under this key for this owner (or was altered). */
  open(sealed: string, ownerId: string): string {
    const [version, iv, tag, ciphertext] = sealed.split('.');
    if (version !== VERSION || ciphertext === undefined) throw new Error('not a sealed secret');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'))
      .setAAD(Buffer.from(ownerId))
      .setAuthTag(Buffer.from(tag, 'base64url'));
    const clear = Buffer.concat([
      decipher.update(Buffer.from(ciphertext, 'base64url')),
      decipher.final(),
    ]);
    return clear.toString('utf8');
  }
}

/** A new signing secret: 32 random bytes, prefixed so that it is recognisable in a config file. */
export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}
