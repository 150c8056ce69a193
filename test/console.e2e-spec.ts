// The console in headless Chromium against the real gateway: its files and headers; register,
// an empty list and the link to the API's docs, a link created and listed, the API's message
// beside a bad URL, sign out; axe-core on each page. Screenshots go to screenshots/console/
// (test/support/console-browser.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PASSWORD as PASSWORD } from './support/accounts';
import { openConsole, type ConsoleBrowser } from './support/console-browser';

describe('the web console', () => {
  let console: ConsoleBrowser;

  beforeAll(async () => {
    console = await openConsole();
  });
  afterAll(() => console?.close());

  /** The message the API gives for a URL, asked of it directly (the page must show the same). */
  const apiMessageForUrl = async (url: string): Promise<string> => {
    const session = await fetch(`${console.beacon.gatewayUrl}/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: `probe-${Date.now()}@example.com`, password: PASSWORD }),
    }).then((response) => response.json() as Promise<{ accessToken: string }>);
    const answer = await fetch(`${console.beacon.gatewayUrl}/api/links`, {
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
    const index = await fetch(`${console.beacon.gatewayUrl}/`, { redirect: 'manual' });
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
      const asset = await fetch(`${console.beacon.gatewayUrl}${file}`);
      expect(asset.status, file).toBe(200);
      expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    }
    for (const missing of ['nothing.js', '..%2F..%2Fpackage.json', 'index.html']) {
      expect((await fetch(`${console.beacon.gatewayUrl}/assets/${missing}`)).status, missing).toBe(
        404,
      );
    }
  });

  it('registers, lists, creates a link, shows the API message for a bad URL, signs out', async () => {
    const { page, screenshot, expectAccessible } = console;
    await page.goto(`${console.beacon.gatewayUrl}/`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await expectAccessible();
    await screenshot('sign-in');

    await page.getByRole('button', { name: 'New here? Create an account' }).click();
    await page.getByRole('heading', { name: 'Create an account' }).waitFor();
    await page.getByLabel('Email').fill(`owner-${Date.now()}@example.com`);
    await page.getByLabel('Password').fill(PASSWORD);
    await expectAccessible();
    await screenshot('register');
    await page.getByRole('button', { name: 'Register' }).click();

    await page.getByRole('heading', { name: 'Your links' }).waitFor();
    await page.getByText('No links yet').waitFor();
    await expectAccessible();
    await screenshot('links-empty');
    const docs = page.getByRole('navigation', { name: 'Console' }).getByRole('link', {
      name: 'API docs',
    });
    expect(await docs.count()).toBe(1);
    await docs.click();
    await page.waitForURL(`${console.beacon.gatewayUrl}/docs`);
    await page.locator('.swagger-ui').waitFor();
    // Back from the docs, the tab is still signed in (the refresh token was handed over).
    await page.goBack();
    await page.getByRole('heading', { name: 'Your links' }).waitFor();

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
    await expectAccessible();
    await screenshot('link-error');

    // A reload keeps the tab signed in: the refresh token in sessionStorage gets a new access token.
    await page.reload();
    await page.getByRole('heading', { name: 'Your links' }).waitFor();

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
    expect(console.cspViolations).toEqual([]);
  });
});
