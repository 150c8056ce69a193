import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signatureHeader, verifySignature } from './webhook-signature';

const secret = 'whsec_test';
const body = '{"id":"1","type":"link.created"}';

describe('webhook signature', () => {
  it('signs "<t>.<body>" with HMAC-SHA256 in hex, as a receiver recomputes it', () => {
    const header = signatureHeader(secret, body, 1_700_000_000);
    const expected = createHmac('sha256', secret).update(`1700000000.${body}`).digest('hex');
    expect(header).toBe(`t=1700000000,v1=${expected}`);
  });

  it('verifies its own signature within the tolerance', () => {
    const header = signatureHeader(secret, body, 1_700_000_000);
    expect(verifySignature(secret, body, header, 1_700_000_100)).toBe(true);
  });

  it('refuses another body, another secret, a stale timestamp and a garbled header', () => {
    const header = signatureHeader(secret, body, 1_700_000_000);
    expect(verifySignature(secret, `${body} `, header, 1_700_000_000)).toBe(false);
    expect(verifySignature('whsec_other', body, header, 1_700_000_000)).toBe(false);
    expect(verifySignature(secret, body, header, 1_700_000_301)).toBe(false);
    expect(verifySignature(secret, body, 'v1=zz', 1_700_000_000)).toBe(false);
  });
});
