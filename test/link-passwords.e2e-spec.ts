import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp, type BearerHeader } from './support/accounts';
import { startBeacon, type BeaconHarness } from './support/beacon-harness';
import { request } from './support/http-client';
import { parseMetrics, valueOf } from './support/metrics-text';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

describe('password-protected links', () => {
  let beacon: BeaconHarness;
  let owner: BearerHeader;
  beforeAll(async () => {
    // Three tokens per client and fifteen per link, and an hour's window: argon2id makes each
    // guess take a while, and a refill during the test would let one more through.
    beacon = await startBeacon({
      env: { AUTH_RATE_LIMIT_MAX: '3', RATE_LIMIT_WINDOW_MS: '3600000', TRUST_PROXY: '1' },
    });
    owner = await signUp(beacon.gatewayUrl);
  });
  afterAll(() => beacon?.stop());

  const create = (json: object) =>
    request(`${beacon.gatewayUrl}/api/links`, { method: 'POST', json, headers: owner });
  /** Each test speaks from its own client address (through the one trusted proxy hop). */
  const from = (client: string) => ({ 'x-forwarded-for': client });
  const unlock = (slug: string, body: string, client: string) =>
    fetch(`${beacon.gatewayUrl}/${slug}`, {
      method: 'POST',
      body,
      headers: { ...FORM, ...from(client) },
      redirect: 'manual',
    });

  it('stores only a hash, and says the link is protected without showing the password', async () => {
    const created = await create({
      url: 'https://example.com/secret',
      slug: 'secret',
      password: 'open sesame',
    });
    expect(created.status).toBe(201);
    expect(created.body.passwordProtected).toBe(true);
    expect(JSON.stringify(created.body)).not.toContain('open sesame');
    const [row] = await beacon.sql<{ password_hash: string }>(
      'SELECT password_hash FROM links WHERE slug = ?',
      ['secret'],
    );
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
  });

  it('answers GET with a password form instead of a redirect', async () => {
    const page = await fetch(`${beacon.gatewayUrl}/secret`, {
      redirect: 'manual',
      headers: from('192.0.2.1'),
    });
    expect(page.status).toBe(200);
    expect(page.headers.get('location')).toBeNull();
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('cache-control')).toContain('no-store');
    const html = await page.text();
    expect(html).toContain('<form method="post" action="/secret">');
    expect(html).toContain('name="password"');
    expect(html).not.toContain('https://example.com/secret');
  });

  it('redirects on the right password and shows the form again with 401 on a wrong one', async () => {
    const wrong = await unlock('secret', 'password=guess', '192.0.2.2');
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).toContain('Wrong password');
    const right = await unlock(
      'secret',
      `password=${encodeURIComponent('open sesame')}`,
      '192.0.2.2',
    );
    expect(right.status).toBe(302);
    expect(right.headers.get('location')).toBe('https://example.com/secret');
    const json = await request(`${beacon.gatewayUrl}/secret`, {
      method: 'POST',
      json: { password: 'open sesame' },
      headers: from('192.0.2.3'),
    });
    expect(json.status).toBe(302);
  });

  it('refuses a missing or oversized password field with a 400 JSON error', async () => {
    for (const body of ['', 'other=1', `password=${'x'.repeat(300)}`]) {
      const refused = await unlock('secret', body, '192.0.2.4');
      expect(refused.status).toBe(400);
      expect(((await refused.json()) as { message: string }).message).toContain('password');
    }
  });

  it('limits wrong guesses per client IP', async () => {
    const statuses = [];
    for (let i = 0; i < 4; i++)
      statuses.push((await unlock('secret', `password=g${i}`, '192.0.2.5')).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
  });

  it('limits guesses per link, whatever the number of addresses they come from', async () => {
    expect(
      (await create({ url: 'https://example.com/vault', slug: 'vault', password: 'vault pass' }))
        .status,
    ).toBe(201);
    const statuses = [];
    for (let i = 0; i < 16; i++) {
      statuses.push((await unlock('vault', `password=g${i}`, `198.51.100.${i + 1}`)).status);
    }
    // The link's bucket holds 5 × AUTH_RATE_LIMIT_BURST (3, the max) attempts.
    expect(statuses.slice(0, 15).every((status) => status === 401)).toBe(true);
    expect(statuses[15]).toBe(429);
    expect((await unlock('secret', 'password=open%20sesame', '198.51.100.99')).status).toBe(302);
  });

  it('can be set, changed and removed by PATCH', async () => {
    expect((await create({ url: 'https://example.com/toggled', slug: 'toggled' })).status).toBe(
      201,
    );
    const patch = (json: object) =>
      request(`${beacon.gatewayUrl}/api/links/toggled`, { method: 'PATCH', json, headers: owner });
    const visit = () =>
      fetch(`${beacon.gatewayUrl}/toggled`, { redirect: 'manual', headers: from('192.0.2.7') });
    expect((await visit()).status).toBe(302);
    expect((await patch({ password: 'now locked' })).body.passwordProtected).toBe(true);
    expect((await visit()).status).toBe(200);
    expect((await patch({ password: null })).body.passwordProtected).toBe(false);
    expect((await visit()).status).toBe(302);
    expect((await patch({ password: 'abc' })).status).toBe(400);
  });

  it('counts password attempts and only real redirects', async () => {
    const samples = parseMetrics(await (await fetch(`${beacon.gatewayUrl}/metrics`)).text());
    const attempts = (result: string) =>
      valueOf(samples, 'auth_attempts_total', { action: 'link_password', result });
    expect(attempts('wrong_password')).toBe(1 + 3 + 15);
    expect(attempts('success')).toBe(3);
  });
});
