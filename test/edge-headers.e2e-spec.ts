import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp } from './support/accounts';
import { startBeacon, type BeaconHarness } from './support/beacon-harness';

describe('security headers and CORS', () => {
  let beacon: BeaconHarness;
  beforeAll(async () => {
    beacon = await startBeacon({ env: { ALLOWED_ORIGINS: 'https://app.example.com' } });
  });
  afterAll(() => beacon?.stop());

  const preflight = (origin: string) =>
    fetch(`${beacon.gatewayUrl}/api/links`, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type',
      },
    });

  it('sends Helmet headers on documents and JSON, errors included', async () => {
    for (const path of ['/no-such-link', '/health/live', '/auth/me']) {
      const response = await fetch(`${beacon.gatewayUrl}${path}`, { redirect: 'manual' });
      expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('strict-transport-security')).toContain('max-age=');
      expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    }
  });

  it("sends them on a protected link's password form, but not on a plain 302", async () => {
    const owner = await signUp(beacon.gatewayUrl);
    for (const link of [
      { url: 'https://example.com/plain', slug: 'plain-302' },
      { url: 'https://example.com/form', slug: 'form-page', password: 'let me in' },
    ]) {
      const created = await fetch(`${beacon.gatewayUrl}/api/links`, {
        method: 'POST',
        headers: { ...owner, 'content-type': 'application/json' },
        body: JSON.stringify(link),
      });
      expect(created.status).toBe(201);
    }
    const redirect = await fetch(`${beacon.gatewayUrl}/plain-302`, { redirect: 'manual' });
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get('content-security-policy')).toBeNull();
    const form = await fetch(`${beacon.gatewayUrl}/form-page`, { redirect: 'manual' });
    expect(form.status).toBe(200);
    // Its own policy: the right password's 302 to the target must pass Chrome's form-action.
    expect(form.headers.get('content-security-policy')).toBe(
      "default-src 'none'; form-action 'self' https: http:; base-uri 'none'; frame-ancestors 'none'",
    );
    expect(form.headers.get('x-frame-options')).toBe('SAMEORIGIN');
  });

  it('answers a preflight from an allowed origin, with the methods the API uses', async () => {
    const allowed = await preflight('https://app.example.com');
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    expect(allowed.headers.get('access-control-allow-methods')).toContain('PATCH');
  });

  it('gives any other origin no CORS headers, so browsers refuse the call', async () => {
    const refused = await preflight('https://evil.example');
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('CORS with no ALLOWED_ORIGINS', () => {
  let beacon: BeaconHarness;
  beforeAll(async () => {
    beacon = await startBeacon();
  });
  afterAll(() => beacon?.stop());

  it('allows no cross-origin browser calls at all', async () => {
    const response = await fetch(`${beacon.gatewayUrl}/no-such-link`, {
      headers: { origin: 'https://app.example.com' },
    });
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });
});
