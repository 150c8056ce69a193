import { describe, expect, it } from 'vitest';
import { generateWebhookSecret, WebhookSecretBox } from './webhook-secret-box';

const box = new WebhookSecretBox('a-jwt-secret-of-at-least-thirty-two-chars');

describe('WebhookSecretBox', () => {
  it('opens what it sealed, and the sealed text does not contain the secret', () => {
    const secret = generateWebhookSecret();
    const sealed = box.seal(secret, '7');
    expect(sealed).not.toContain(secret.slice(6));
    expect(box.open(sealed, '7')).toBe(secret);
  });

  it('seals the same secret differently each time (a fresh IV)', () => {
    expect(box.seal('s', '7')).not.toBe(box.seal('s', '7'));
  });

  it("refuses another owner's ciphertext, another key's and an altered one", () => {
    const sealed = box.seal('whsec_x', '7');
    expect(() => box.open(sealed, '8')).toThrow();
    expect(() => new WebhookSecretBox('another-jwt-secret').open(sealed, '7')).toThrow();
    const altered = `${sealed.slice(0, -2)}${sealed.endsWith('A') ? 'B' : 'A'}A`;
    expect(() => box.open(altered, '7')).toThrow();
  });
});
