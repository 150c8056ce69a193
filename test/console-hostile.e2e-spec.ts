// The console used carelessly or with hostile intent, in headless Chromium against the real
// gateway: hand-made addresses, a server that does not answer while the console starts, and
// focus after each page change (never dropped to the document). No uncaught errors throughout.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openConsole, type ConsoleBrowser } from './support/console-browser';

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

  it('says the server could not be reached on starting, and retries with the session kept', async () => {
    const { page, screenshot, expectAccessible } = console;
    await console.signIn();
    await page.route('**/auth/**', (route) => route.abort());
    await page.reload();
    await page.getByRole('alert').filter({ hasText: 'could not be reached' }).waitFor();
    await expect.poll(focused).toBe('MAIN');
    await expectAccessible();
    await screenshot('hostile-unreachable');
    await page.getByRole('button', { name: 'Try again' }).click();
    await page.getByRole('button', { name: 'Try again' }).waitFor();
    await page.unroute('**/auth/**');
    await page.getByRole('button', { name: 'Try again' }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    expect(pageErrors).toEqual([]);
    expect(console.cspViolations).toEqual([]);
  });
});
