// The console used carelessly or with hostile intent, in headless Chromium against the real
// gateway: hand-made addresses, a server that fails to answer while the console starts, a browser
// without a clipboard, a search the API refuses, and focus after each page change (never dropped
// to the document). No uncaught errors throughout.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openConsole, type ConsoleBrowser } from './support/console-browser';
import { request } from './support/http-client';

describe('the console under hostile use', () => {
  let console: ConsoleBrowser;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    console = await openConsole();
    console.page.on('pageerror', (error) => pageErrors.push(error.message));
  });
  afterAll(() => console?.close());

  /** The focused element as `TAG#id` (`TAG` when it has no id). */
  const focused = () =>
    console.page.evaluate<string>(
      `(({ tagName, id }) => (id ? tagName + '#' + id : tagName))(document.activeElement)`,
    );

  it('reads a broken escape in a link address as a slug, not a crash', async () => {
    const { page } = console;
    await console.signIn();
    await page.goto(`${console.beacon.gatewayUrl}/#/links/%E0%A4%A`);
    await page.getByRole('heading', { name: 'No such link' }).waitFor();
    expect(await page.getByRole('main').textContent()).toContain('/%E0%A4%A');
    await page.goto(`${console.beacon.gatewayUrl}/#/links/`);
    await page.getByRole('heading', { name: 'Your links' }).waitFor();
    expect(pageErrors).toEqual([]);
  });

  it('moves focus to the new page, and to the sign-in form after signing out', async () => {
    const { page } = console;
    await page.goto(`${console.beacon.gatewayUrl}/#/links/gone-away`);
    await page.getByRole('link', { name: '← All links' }).click();
    await page.getByRole('heading', { name: 'Your links' }).waitFor();
    await expect.poll(focused).toBe('MAIN#content');
    await page.getByRole('link', { name: 'API keys' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'API keys' }).waitFor();
    await expect.poll(focused).toBe('MAIN#content');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await expect.poll(focused).toBe('MAIN');
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('INPUT#field-email');
  });

  it('says the server is not available on starting, and retries with the session kept', async () => {
    const { page, screenshot, expectAccessible } = console;
    await console.signIn();
    await page.route('**/auth/**', (route) => route.abort());
    await page.reload();
    const unavailable = page.getByRole('alert').filter({ hasText: 'not available' });
    await unavailable.waitFor();
    await expect.poll(focused).toBe('MAIN');
    await expectAccessible();
    await screenshot('hostile-unavailable');

    // A server error on the refresh is no verdict on the token: it stays for the next try.
    await page.unroute('**/auth/**');
    await page.route('**/auth/refresh', (route) =>
      route.fulfill({ status: 503, json: { message: 'Service Unavailable' } }),
    );
    await page.getByRole('button', { name: 'Try again' }).click();
    await unavailable.waitFor();
    expect(await page.evaluate("sessionStorage.getItem('beacon.refreshToken')")).not.toBeNull();
    await page.unroute('**/auth/refresh');
    await page.getByRole('button', { name: 'Try again' }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    expect(pageErrors).toEqual([]);
    expect(console.cspViolations).toEqual([]);
  });

  it('says a key could not be copied where the browser has no clipboard', async () => {
    const { page } = console;
    await page.getByRole('link', { name: 'API keys' }).click();
    await page.evaluate(
      `Object.defineProperty(Navigator.prototype, 'clipboard', { get: () => undefined })`,
    );
    await page.getByLabel('Name').fill('no clipboard');
    await page.getByRole('checkbox').first().check();
    await page.getByRole('button', { name: 'Create key' }).click();
    await page.getByRole('button', { name: 'Copy key' }).click();
    await page.getByText('Could not copy: select the key and copy it yourself.').waitFor();
    expect(pageErrors).toEqual([]);
  });

  it('offers no pages of a list it could not show (a search the API refuses)', async () => {
    const { page } = console;
    await page.getByRole('button', { name: 'Sign out' }).click();
    const owner = await console.signIn();
    for (let index = 0; index < 11; index++) {
      const created = await request(`${console.beacon.gatewayUrl}/api/links`, {
        method: 'POST',
        headers: owner,
        json: { url: `https://example.org/${index}` },
      });
      expect(created.status).toBe(201);
    }
    await page.reload();
    await page.getByText('Page 1 of 2').waitFor();
    await page.getByLabel('Search', { exact: true }).fill('x'.repeat(201));
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByText('at most 200 characters').waitFor();
    expect(await page.getByRole('navigation', { name: 'Pages of links' }).count()).toBe(0);
    expect(await page.getByRole('list', { name: 'Your links' }).count()).toBe(0);
  });
});
