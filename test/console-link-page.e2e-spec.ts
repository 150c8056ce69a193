// A link's page in the console, against the real gateway and worker: the QR code and its
// downloads, the API's message beside a bad date range, a visitor (a second browser context)
// through the password form to the target and a QR scan arriving in the live list without a
// reload, then the stats (from the worker's rollups) showing both; the empty and 404 states.
// axe-core on each state.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openConsole, type ConsoleBrowser } from './support/console-browser';
import { eventually } from './support/eventually';

const LINK_PASSWORD = 'open sesame';
const TARGET = 'https://example.com/landing';
const DESKTOP_CHROME =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const IPHONE_SAFARI =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';

describe("the console's link page", () => {
  let console: ConsoleBrowser;

  beforeAll(async () => {
    console = await openConsole({ worker: true });
  });
  afterAll(() => console?.close());

  /** A page in a context of its own, as a desktop Chrome, with the target answered here. */
  const visitorPage = async () => {
    const context = await console.browser.newContext({ userAgent: DESKTOP_CHROME });
    await context.route('https://example.com/**', (route) => route.fulfill({ body: 'landed' }));
    return context.newPage();
  };

  let slug: string;
  let shortUrl: string;
  /** The API as the signed-in owner. */
  let api: (path: string, init?: RequestInit) => Promise<Response>;
  const live = () => console.page.getByRole('list', { name: /^Visits since you opened this page/ });

  beforeAll(async () => {
    // A step that fails names itself well within the test's time.
    console.page.setDefaultTimeout(8_000);
    const { authorization } = await console.signIn();
    api = (path, init = {}) =>
      fetch(`${console.beacon.gatewayUrl}${path}`, {
        ...init,
        headers: { authorization, 'content-type': 'application/json', ...init.headers },
      });
    slug = `landing-${randomBytes(3).toString('hex')}`;
    const created = await api('/api/links', {
      method: 'POST',
      body: JSON.stringify({ url: TARGET, slug, password: LINK_PASSWORD }),
    });
    expect(created.status).toBe(201);
    ({ shortUrl } = (await created.json()) as { shortUrl: string });
  });

  it('opens the link from the list: its QR code with downloads, and no visits yet', async () => {
    const { page, screenshot, expectAccessible } = console;
    await page.reload(); // the link was made through the API after the list was shown
    await page.getByRole('list', { name: 'Your links' }).getByText(shortUrl).waitFor();
    await page.getByRole('link', { name: `Details /${slug}` }).click();
    await page.getByRole('heading', { name: shortUrl }).waitFor();
    expect(new URL(page.url()).hash).toBe(`#/links/${slug}`);
    expect(await page.getByRole('link', { name: TARGET }).getAttribute('href')).toBe(TARGET);
    const qr = page.getByRole('img', { name: `QR code for ${shortUrl}` });
    await qr.waitFor();
    await eventually(async () =>
      expect(
        await qr.evaluate((image) => (image as { naturalWidth: number }).naturalWidth),
      ).toBeGreaterThan(0),
    );
    const png = page.getByRole('link', { name: 'Download PNG' });
    expect(await png.getAttribute('download')).toBe(`${slug}-qr.png`);
    const download = await fetch((await png.getAttribute('href')) ?? '');
    expect(download.headers.get('content-type')).toBe('image/png');
    const bytes = Buffer.from(await download.arrayBuffer());
    expect(bytes.subarray(1, 4).toString()).toBe('PNG');
    await page.getByText('No visits from').waitFor();
    await page.getByText('Live: new visits appear here').waitFor();
    await expectAccessible();
    await screenshot('link-page-empty');
  });

  it('reaches the downloads by keyboard, in reading order, with a visible focus ring', async () => {
    const { page } = console;
    await page.getByRole('link', { name: '← All links' }).focus();
    const tabbed: string[] = [];
    while (tabbed.length < 3) {
      await page.keyboard.press('Tab');
      tabbed.push((await page.locator(':focus').textContent()) ?? '');
    }
    expect(tabbed).toEqual([TARGET, 'Download PNG', 'Download SVG']);
    const focusRing = 'getComputedStyle(document.activeElement).outlineStyle';
    expect(await page.evaluate(focusRing)).toBe('solid');
  });

  it("shows the API's message beside a backwards date range", async () => {
    const { page, expectAccessible } = console;
    const from = page.getByLabel('From');
    const to = page.getByLabel('To');
    const defaultRange = [await from.inputValue(), await to.inputValue()];
    const apiAnswer = await api(`/api/links/${slug}/stats?from=2026-12-10&to=2026-12-01`);
    const apiBody = (await apiAnswer.json()) as { fields: { field: string; message: string }[] };
    await from.fill('2026-12-10');
    await to.fill('2026-12-01');
    await page.getByRole('button', { name: 'Show' }).click();
    const fromError = page.locator('#field-from-error');
    await fromError.waitFor();
    expect(await fromError.textContent()).toBe(
      apiBody.fields.find((field) => field.field === 'from')?.message,
    );
    expect(await from.getAttribute('aria-invalid')).toBe('true');
    await expectAccessible();
    await from.fill(defaultRange[0]);
    await to.fill(defaultRange[1]);
  });

  it('shows a visit through the password form and a QR scan as they arrive', async () => {
    const { page } = console;
    const gateway = console.beacon.gatewayUrl;
    // A visitor in another context (its own cookies, a desktop Chrome's user agent: headless
    // Chromium's counts as a bot) follows the short URL, types the password and lands on the
    // target (answered by the context's route: no internet here), with no CSP in the way.
    const visitor = await visitorPage();
    const blocked: string[] = [];
    visitor.on('console', (message) => {
      if (message.text().includes('Content Security Policy')) blocked.push(message.text());
    });
    await visitor.goto(`${gateway}/${slug}`);
    await visitor.getByRole('heading', { name: 'This link is protected' }).waitFor();
    await visitor.getByLabel('Password').fill(LINK_PASSWORD);
    await visitor.getByRole('button', { name: 'Continue' }).click();
    await visitor.waitForURL(TARGET);
    expect(await visitor.textContent('body')).toBe('landed');
    expect(blocked).toEqual([]);
    await visitor.context().close();

    await live().getByRole('listitem').first().waitFor({ timeout: 10_000 });
    expect(await live().getByRole('listitem').count()).toBe(1);
    expect(await live().textContent()).toContain('Chrome');
    expect(await page.getByRole('status').textContent()).toContain('1 visit since');

    // A scan of the QR code: ?qr=1 survives the password form's post.
    const scan = await fetch(`${gateway}/${slug}?qr=1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': IPHONE_SAFARI },
      body: JSON.stringify({ password: LINK_PASSWORD }),
      redirect: 'manual',
    });
    expect(scan.status).toBe(302);
    await eventually(async () => expect(await live().getByRole('listitem').count()).toBe(2));
    expect(await live().getByRole('listitem').first().textContent()).toContain('QR scan');
    expect(await page.getByRole('status').textContent()).toContain('2 visits since');
    await page.getByText('2 new visits since these numbers were loaded').waitFor();
  });

  it('counts both in the stats once the worker has rolled them up', async () => {
    const { page, screenshot, expectAccessible } = console;
    const total = (label: string) =>
      page.locator('.totals div', { has: page.getByText(label, { exact: true }) }).locator('dd');
    // The rollups follow the visits by a moment: show the range again until they count.
    await eventually(
      async () => {
        await page.getByRole('button', { name: 'Show' }).click();
        expect(await total('Visits').textContent({ timeout: 1_000 })).toBe('2');
      },
      { timeoutMs: 15_000, intervalMs: 500 },
    );
    expect(await page.getByText(/new visits? since these numbers/).count()).toBe(0);
    expect(await total('QR scans').textContent()).toBe('1');
    expect(await total('Humans').textContent()).toBe('2');
    const browsers = page.getByRole('list', { name: 'Browsers' });
    expect(await browsers.textContent()).toContain('Chrome');
    expect(await browsers.textContent()).toContain('Mobile Safari');
    await page.getByText('Daily numbers as a table').click();
    const today = new Date().toISOString().slice(0, 10);
    const row = page.getByRole('row', { name: new RegExp(`^${today}`) });
    expect(await row.getByRole('cell').allTextContents()).toEqual(['2', '2']);
    await expectAccessible();
    await screenshot('link-page');
  });

  it('says there is no such link for a slug that is not one', async () => {
    const { page, screenshot, expectAccessible } = console;
    await page.goto(`${console.beacon.gatewayUrl}/#/links/no-such-link-here`);
    await page.getByRole('heading', { name: 'No such link' }).waitFor();
    await expectAccessible();
    await screenshot('link-page-missing');
    expect(console.cspViolations).toEqual([]);
  });
});
