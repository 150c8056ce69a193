// The console used carelessly or with hostile intent, in headless Chromium against the real
// gateway: hand-made addresses, a server that fails to answer while the console starts, a session
// the API ends, a browser without a clipboard, a search the API refuses, numbers and dates the
// browser cannot read, typing ahead of an answer, a tab opened from the console, and focus after each page change and each
// submit (never dropped to the document). No uncaught errors throughout.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openConsole, type ConsoleBrowser } from './support/console-browser';
import { request } from './support/http-client';

describe('the console under hostile use', () => {
  let console: ConsoleBrowser;
  const pageErrors: string[] = [];
  let owner: { authorization: string };

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

  it("gives a tab it opens no copy of its login, so neither spends the other's token", async () => {
    const { page } = console;
    await page.goto(`${console.beacon.gatewayUrl}/#/`);
    await page.getByRole('heading', { name: 'Your links' }).waitFor();
    // A tab opened from this one starts with a copy of its sessionStorage, as a duplicated tab
    // does: it must find no refresh token there to spend.
    const [opened] = await Promise.all([
      page.context().waitForEvent('page'),
      page.evaluate('void window.open(location.href)'),
    ]);
    await opened.getByRole('heading', { name: 'Sign in' }).waitFor({ timeout: 8_000 });
    await opened.close();
    // The first tab's own token still works: a reload trades it for a new pair.
    await page.reload();
    await page.getByRole('heading', { name: 'Your links' }).waitFor();
    expect(await page.getByRole('alert').count()).toBe(0);
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
    owner = await console.signIn();
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

  it('keeps the limits of a link when a number or a date in the form cannot be read', async () => {
    const { page } = console;
    const links = `${console.beacon.gatewayUrl}/api/links`;
    const limits = { maxVisits: 5, expiresAt: '2031-01-01T10:00:00.000Z' };
    const created = await request(links, {
      method: 'POST',
      headers: owner,
      json: { url: 'https://example.org/limited', slug: 'limited', ...limits },
    });
    expect(created.status).toBe(201);
    await page.reload();
    const item = page.getByRole('listitem').filter({ hasText: '/limited' });
    await item.getByRole('button', { name: 'Edit /limited' }).click();
    const dialog = page.getByRole('dialog');
    // "1e" is a number being typed; Backspace clears one part of the date: both read as empty.
    await dialog.getByLabel('Maximum visits (optional)').selectText();
    await page.keyboard.type('1e');
    await dialog.getByLabel('Expires (optional)').focus();
    await page.keyboard.press('Backspace');
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    const unreadable = dialog.getByText('cannot be read as typed: correct it or clear it');
    await expect.poll(() => unreadable.count()).toBe(2);
    expect(
      (await request(`${links}/limited`, { headers: owner }).then((r) => r.body)) as object,
    ).toMatchObject(limits);
    await page.keyboard.press('Escape');
  });

  it('creates no key that never expires from an expiry that cannot be read', async () => {
    const { page } = console;
    await page.getByRole('link', { name: 'API keys' }).click();
    await page.getByLabel('Name').fill('half an expiry');
    await page.getByRole('checkbox').first().check();
    await page.getByLabel('Expires (optional)').fill('2031-01-01T10:00');
    await page.getByLabel('Expires (optional)').focus();
    await page.keyboard.press('Backspace');
    await page.getByRole('button', { name: 'Create key' }).click();
    await page.getByText('cannot be read as typed: correct it or clear it').waitFor();
    const keys = await request(`${console.beacon.gatewayUrl}/api/keys`, { headers: owner });
    expect(keys.body).toMatchObject({ items: [] });
  });

  it('keeps a date typed in the stats range while the first stats are still loading', async () => {
    const { page } = console;
    await page.route('**/stats', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      await route.continue();
    });
    await page.evaluate("location.hash = '#/links/limited'");
    await page.getByLabel('From').fill('2026-01-01');
    await page.getByText('No visits from').waitFor();
    await page.unroute('**/stats');
    expect(await page.getByLabel('From').inputValue()).toBe('2026-01-01');
    expect(await page.getByLabel('To').inputValue()).not.toBe('');
    expect(pageErrors).toEqual([]);
  });

  it('keeps focus on a submit button pressed from the keyboard while its request runs', async () => {
    const { page } = console;
    await page.getByRole('link', { name: '← All links' }).click();
    await page.getByLabel('URL', { exact: true }).fill('not a url');
    await page.getByRole('button', { name: 'Create link' }).focus();
    await page.keyboard.press('Enter');
    await page.locator('#field-url-error').waitFor();
    expect(await page.evaluate('document.activeElement.textContent')).toBe('Create link');
    expect(pageErrors).toEqual([]);
  });

  it('says why when the API ends the session (a refresh token refused), then signs in again', async () => {
    const { page } = console;
    const refused = { status: 401, json: { message: 'Unauthorized' } };
    await page.route('**/api/links?*', (route) => route.fulfill(refused));
    await page.route('**/auth/refresh', (route) => route.fulfill(refused));
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('alert').filter({ hasText: 'Your session has ended' }).waitFor();
    await page.unrouteAll();
    expect(await page.evaluate("sessionStorage.getItem('beacon.refreshToken')")).toBeNull();
    await console.signIn();
    expect(await page.getByRole('alert').count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });
});
