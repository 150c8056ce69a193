// The console's links page in headless Chromium against the real gateway: create a link with
// every option, see it listed, search, filter by tag, page, edit (the API's message beside the
// control it names), copy the short URL, delete after a confirmation. axe-core on each state;
// screenshots in screenshots/console/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openConsole, type ConsoleBrowser } from './support/console-browser';
import { request } from './support/http-client';

const FILLERS = 10;

describe('the console links page', () => {
  let console: ConsoleBrowser;
  let links: string;
  let owner: { authorization: string };

  beforeAll(async () => {
    console = await openConsole();
    links = `${console.beacon.gatewayUrl}/api/links`;
  });
  afterAll(() => console?.close());

  const create = (slug: string, tags: string[] = []) =>
    request(links, {
      method: 'POST',
      headers: owner,
      json: { url: `https://example.org/${slug}`, slug, tags },
    });
  const read = (slug: string) => request(`${links}/${slug}`, { headers: owner });

  it('creates, lists, searches, filters, pages, edits, copies and deletes links', async () => {
    const { page, screenshot, expectAccessible } = console;
    owner = await console.signIn();
    await page.getByText('No links yet').waitFor();

    // Eleven links through the API, then one through the form: two pages of ten.
    expect((await create('other-page', ['news'])).status).toBe(201);
    for (let index = 0; index < FILLERS; index++) {
      expect((await create(`filler-${index}`)).status).toBe(201);
    }
    await page.reload();
    const items = page.getByRole('list', { name: 'Your links' }).getByRole('listitem');
    await items.first().waitFor();

    await page.getByLabel('URL', { exact: true }).fill('https://example.com/launch');
    await page.getByLabel('Slug (optional)').fill('launch-day');
    await page.getByLabel('Expires (optional)').fill('2030-06-15T08:45');
    await page.getByLabel('Maximum visits (optional)').fill('5');
    await page.getByLabel('Password (optional)').fill('open sesame');
    await page.getByLabel('Tags (optional)').fill('Blog, launch');
    await page.getByRole('button', { name: 'Create link' }).click();
    const launch = items.filter({ hasText: '/launch-day' });
    await launch.waitFor();
    expect(await items.first().textContent()).toContain('/launch-day');
    const shown = await launch.textContent();
    for (const part of ['https://example.com/launch', 'blog', 'launch', 'At most 5 visits']) {
      expect(shown).toContain(part);
    }
    expect(shown).toContain('Password protected');
    const created = await read('launch-day');
    const expiry = await page.evaluate(() => new Date('2030-06-15T08:45').toISOString());
    expect(created.body).toMatchObject({
      expiresAt: expiry,
      maxVisits: 5,
      passwordProtected: true,
      tags: ['blog', 'launch'],
    });
    expect(
      await launch.getByRole('link', { name: 'Details /launch-day' }).getAttribute('href'),
    ).toBe('#/links/launch-day');
    await expectAccessible();
    await screenshot('links-list');

    // Paging: ten on the first page, the two oldest on the second.
    expect(await items.count()).toBe(10);
    await page.getByText('Page 1 of 2').waitFor();
    await page.getByRole('button', { name: 'Next page' }).click();
    await page.getByText('Page 2 of 2').waitFor();
    await expect.poll(() => items.count()).toBe(2);
    expect(await items.allTextContents()).toEqual([
      expect.stringContaining('/filler-0'),
      expect.stringContaining('/other-page'),
    ]);
    await page.getByRole('button', { name: 'Previous page' }).click();
    await page.getByText('Page 1 of 2').waitFor();

    // Search finds the link by its target and not the others; a search for nothing says so.
    const search = async (text: string) => {
      await page.getByRole('searchbox', { name: 'Search' }).fill(text);
      await page.getByRole('button', { name: 'Search', exact: true }).click();
    };
    await search('example.com/launch');
    await expect.poll(() => items.count()).toBe(1);
    expect(await items.first().textContent()).toContain('/launch-day');
    await search('no-such-link');
    await page.getByText('No links match').waitFor();
    await expectAccessible();
    await screenshot('links-search-empty');
    // The API's message for the search itself, beside the box.
    await search('x'.repeat(201));
    await page.locator('#field-search-error').getByText('at most 200 characters').waitFor();
    await search('');
    await expect.poll(() => items.count()).toBe(10);

    // The tag filter offers the caller's tags and keeps the links that carry the one picked.
    await page.getByLabel('Tag', { exact: true }).selectOption('news');
    await expect.poll(() => items.count()).toBe(1);
    expect(await items.first().textContent()).toContain('/other-page');
    await page.getByLabel('Tag', { exact: true }).selectOption('');
    await expect.poll(() => items.count()).toBe(10);

    // Edit: the API's message beside the control first, then the change saved.
    const zeroVisits = await request(`${links}/launch-day`, {
      method: 'PATCH',
      headers: owner,
      json: { maxVisits: 0 },
    });
    expect(zeroVisits.status).toBe(400);
    const zeroMessage = zeroVisits.body.fields.find(
      (field: { field: string }) => field.field === 'maxVisits',
    ).message;
    await launch.getByRole('button', { name: 'Edit /launch-day' }).click();
    const edit = page.getByRole('dialog', { name: 'Edit /launch-day' });
    await edit.waitFor();
    expect(await edit.getByLabel('Expires (optional)').inputValue()).toBe('2030-06-15T08:45');
    await edit.getByLabel('Maximum visits (optional)').fill('0');
    await edit.getByRole('button', { name: 'Save changes' }).click();
    const visitsError = edit.locator('#edit-maxVisits-error');
    await visitsError.waitFor();
    expect(await visitsError.textContent()).toBe(zeroMessage);
    expect(await edit.getByLabel('Maximum visits (optional)').getAttribute('aria-invalid')).toBe(
      'true',
    );
    await expectAccessible();
    await screenshot('link-edit');
    await edit.getByLabel('URL', { exact: true }).fill('https://example.com/launch-2');
    await edit.getByLabel('Maximum visits (optional)').fill('5');
    await edit.getByLabel('Tags (optional)').fill('blog, news');
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await edit.waitFor({ state: 'detached' });
    await page.getByText('Saved /launch-day.').waitFor();
    await launch.getByText('https://example.com/launch-2').waitFor();
    expect((await read('launch-day')).body).toMatchObject({
      url: 'https://example.com/launch-2',
      tags: ['blog', 'news'],
      maxVisits: 5,
      expiresAt: expiry,
      passwordProtected: true,
    });

    // Copy puts the short URL on the clipboard and says so.
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: console.beacon.gatewayUrl,
    });
    await launch.getByRole('button', { name: 'Copy /launch-day' }).click();
    await page.getByRole('status').getByText(`Copied ${created.body.shortUrl}.`).waitFor();
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe(created.body.shortUrl);

    // Delete asks first: Cancel has the focus, Escape and Cancel keep the link.
    const deleteButton = launch.getByRole('button', { name: 'Delete /launch-day' });
    const confirm = page.getByRole('dialog', { name: 'Delete /launch-day?' });
    await deleteButton.click();
    await confirm.waitFor();
    expect(await page.evaluate('document.activeElement?.textContent')).toBe('Cancel');
    await expectAccessible();
    await screenshot('link-delete');
    await page.keyboard.press('Escape');
    await confirm.waitFor({ state: 'detached' });
    await deleteButton.click();
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await confirm.waitFor({ state: 'detached' });
    expect((await read('launch-day')).status).toBe(200);
    // A refused delete shows the API's message in the dialog, which stays open to try again.
    await page.route(
      '**/api/links/launch-day',
      (route) =>
        route.request().method() === 'DELETE'
          ? route.fulfill({ status: 503, json: { message: 'Try again in a minute' } })
          : route.fallback(),
      { times: 1 },
    );
    await deleteButton.click();
    await confirm.getByRole('button', { name: 'Delete link' }).click();
    await confirm.getByRole('alert').getByText('Try again in a minute').waitFor();
    await confirm.getByRole('button', { name: 'Delete link' }).click();
    await page.getByText('Deleted /launch-day.').waitFor();
    await launch.waitFor({ state: 'detached' });
    expect((await read('launch-day')).status).toBe(404);
    expect(console.cspViolations).toEqual([]);
  });
});
