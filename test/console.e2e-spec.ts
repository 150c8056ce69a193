// The console in headless Chromium against the real gateway: register, an empty list, a link
// created and listed, the API's message beside a bad URL, sign out. Screenshots of each page at
// 360 and 1280 px go to screenshots/console/ (git-ignored; CI keeps them as artefacts).
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBeacon, type BeaconHarness } from './support/beacon-harness';
import { launchChromium } from './support/chromium';

const SCREENSHOTS = join('screenshots', 'console');
const PASSWORD = 'correct horse battery';

describe('the web console', () => {
  let beacon: BeaconHarness;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    if (!existsSync(join('dist', 'console', 'index.html'))) {
      throw new Error('No console build in dist/console: run `npm run build` first');
    }
    browser = await launchChromium();
    beacon = await startBeacon({ worker: false });
    page = await browser.newPage();
    mkdirSync(SCREENSHOTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await beacon?.stop();
  });

  const screenshot = async (name: string) => {
    for (const width of [360, 1280]) {
      await page.setViewportSize({ width, height: 800 });
      await page.screenshot({ path: join(SCREENSHOTS, `${name}-${width}.png`), fullPage: true });
    }
  };

  /** The message the API gives for a URL, asked of it directly (the page must show the same). */
  const apiMessageForUrl = async (url: string): Promise<string> => {
    const session = await fetch(`${beacon.gatewayUrl}/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: `probe-${Date.now()}@example.com`, password: PASSWORD }),
    }).then((response) => response.json() as Promise<{ accessToken: string }>);
    const answer = await fetch(`${beacon.gatewayUrl}/api/links`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${session.accessToken}`,
      },
      body: JSON.stringify({ url }),
    });
    expect(answer.status).toBe(400);
    const body = (await answer.json()) as { fields: { field: string; message: string }[] };
    return body.fields.find((field) => field.field === 'url')?.message ?? '';
  };

  it('serves its page and files with their caching and a strict CSP', async () => {
    const index = await fetch(`${beacon.gatewayUrl}/`, { redirect: 'manual' });
    expect(index.status).toBe(200);
    expect(index.headers.get('cache-control')).toBe('no-cache');
    const policy = index.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("default-src 'self'");
    expect(policy).toContain("script-src 'self';");
    expect(policy).toContain("connect-src 'self'");
    expect(policy).not.toContain('unsafe-inline');
    const html = await index.text();
    expect(html).not.toMatch(/<script>|<style>|https?:\/\//);
    const files = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map(([, url]) => url);
    expect(files.length).toBeGreaterThanOrEqual(2);
    for (const file of files) {
      expect(file).toMatch(/^\/assets\/[\w-]+\.(js|css)$/);
      const asset = await fetch(`${beacon.gatewayUrl}${file}`);
      expect(asset.status, file).toBe(200);
      expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    }
    for (const missing of ['nothing.js', '..%2F..%2Fpackage.json', 'index.html']) {
      expect((await fetch(`${beacon.gatewayUrl}/assets/${missing}`)).status, missing).toBe(404);
    }
  });

  it('registers, lists, creates a link, shows the API message for a bad URL, signs out', async () => {
    const cspViolations: string[] = [];
    page.on('console', (message) => {
      if (message.text().includes('Content Security Policy')) cspViolations.push(message.text());
    });
    await page.goto(`${beacon.gatewayUrl}/`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await screenshot('sign-in');

    await page.getByRole('button', { name: 'New here? Create an account' }).click();
    await page.getByRole('heading', { name: 'Create an account' }).waitFor();
    await page.getByLabel('Email').fill(`owner-${Date.now()}@example.com`);
    await page.getByLabel('Password').fill(PASSWORD);
    await screenshot('register');
    await page.getByRole('button', { name: 'Register' }).click();

    await page.getByRole('heading', { name: 'Your links' }).waitFor();
    await page.getByText('No links yet').waitFor();
    await screenshot('links-empty');

    await page.getByLabel('URL', { exact: true }).fill('https://example.com/console');
    await page.getByLabel('Slug (optional)').fill('console-first');
    await page.getByRole('button', { name: 'Create link' }).click();
    const listed = page.getByRole('list', { name: 'Your links' }).getByRole('listitem');
    await listed.first().waitFor();
    expect(await listed.count()).toBe(1);
    expect(await listed.first().textContent()).toContain('/console-first');
    expect(await listed.first().textContent()).toContain('https://example.com/console');
    await screenshot('links');

    const badUrl = 'ftp://example.com/file';
    const expected = await apiMessageForUrl(badUrl);
    await page.getByLabel('URL', { exact: true }).fill(badUrl);
    await page.getByRole('button', { name: 'Create link' }).click();
    const urlError = page.locator('#field-url-error');
    await urlError.waitFor();
    expect(await urlError.textContent()).toBe(expected);
    expect(
      await page.getByLabel('URL', { exact: true }).getAttribute('aria-describedby'),
    ).toContain('field-url-error');
    expect(await page.getByLabel('URL', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    await screenshot('link-error');

    // A reload keeps the tab signed in: the refresh token in sessionStorage gets a new access token.
    await page.reload();
    await page.getByRole('heading', { name: 'Your links' }).waitFor();

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
    expect(cspViolations).toEqual([]);
  });
});
