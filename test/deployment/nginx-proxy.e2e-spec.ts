import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSOLE_CONTENT_SECURITY_POLICY } from '../../apps/gateway/src/console/console-headers';
import { startNginx, type NginxProcess } from '../../scripts/nginx/nginx-process.mts';
import { signUp } from '../support/accounts';
import { startBeacon, type BeaconHarness } from '../support/beacon-harness';
import { request } from '../support/http-client';

const SCRAPE_TOKEN = 'nginx-e2e-scrape-token-long-enough-for-production';

/** Debian's nginx, running the compose stack's configuration in front of a real gateway. */
describe('nginx in front of the gateway', () => {
  let beacon: BeaconHarness;
  let nginx: NginxProcess;
  let proxyUrl: string;

  beforeAll(async () => {
    beacon = await startBeacon({
      env: {
        METRICS_AUTH_TOKEN: SCRAPE_TOKEN,
        TRUST_PROXY: '1',
        REDIRECT_RATE_LIMIT_MAX: '3',
        RATE_LIMIT_WINDOW_MS: '60000',
      },
    });
    nginx = await startNginx({
      token: SCRAPE_TOKEN,
      gateways: [new URL(beacon.gatewayUrl).host],
    });
    proxyUrl = nginx.url;
  });
  afterAll(async () => {
    await nginx?.stop();
    await beacon?.stop();
  });

  it('serves the API and the redirects, and echoes a request id it started', async () => {
    const created = await request(`${proxyUrl}/api/links`, {
      method: 'POST',
      json: { url: 'https://example.com/through-nginx', slug: 'via-nginx' },
      headers: await signUp(proxyUrl),
    });
    expect(created.status).toBe(201);
    const redirect = await fetch(`${proxyUrl}/via-nginx`, { redirect: 'manual' });
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get('location')).toBe('https://example.com/through-nginx');
    expect(redirect.headers.get('x-request-id')).toMatch(/^[0-9a-f]{32}$/);
  });

  it('serves the console with its own headers, its files compressed and cached for good', async () => {
    const page = await fetch(`${proxyUrl}/`, { headers: { 'accept-encoding': 'gzip' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-cache');
    expect(page.headers.get('content-security-policy')).toBe(CONSOLE_CONTENT_SECURITY_POLICY);
    const html = await page.text();
    const script = /<script[^>]+src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script, 'index.html names its script').toBeDefined();

    const direct = await fetch(`${beacon.gatewayUrl}${script}`);
    const proxied = await fetch(`${proxyUrl}${script}`, { headers: { 'accept-encoding': 'gzip' } });
    expect(proxied.status).toBe(200);
    expect(direct.headers.get('content-encoding'), 'the gateway sends it plain').toBeNull();
    expect(proxied.headers.get('content-encoding')).toBe('gzip');
    expect(proxied.headers.get('vary')).toContain('Accept-Encoding');
    expect(proxied.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(proxied.headers.get('content-security-policy')).toBe(CONSOLE_CONTENT_SECURITY_POLICY);
    expect(await proxied.text(), 'fetch unzipped the very file').toBe(await direct.text());
  });

  it('presents the scrape token on /metrics for an allowed address', async () => {
    const direct = await fetch(`${beacon.gatewayUrl}/metrics`);
    expect(direct.status, 'the gateway itself wants the token').toBe(401);
    const proxied = await fetch(`${proxyUrl}/metrics`);
    expect(proxied.status).toBe(200);
    expect(await proxied.text()).toContain('http_requests_total');
  });

  it('gives the gateway the client address, not one a client forged', async () => {
    // REDIRECT_RATE_LIMIT_MAX=3 per client: a forged X-Forwarded-For must not buy a fresh allowance.
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const response = await fetch(`${proxyUrl}/no-such-slug-${i}`, {
        headers: { 'x-forwarded-for': `203.0.113.${i}` },
      });
      statuses.push(response.status);
    }
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThan(0);
  });
});
