// The console's API keys and products pages in headless Chromium against the real gateway (and
// the worker, which rolls product views up into the top products). A key is created with scopes,
// its secret shown once, used with curl, listed and revoked behind a confirm dialog; an admin adds,
// searches and edits a product and reads the ranking. axe-core and screenshots on each state.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openConsole, type ConsoleBrowser } from './support/console-browser';
import { eventually } from './support/eventually';

const run = promisify(execFile);

describe('the console: API keys and products', () => {
  let console: ConsoleBrowser;
  let user: { authorization: string };
  let admin: { authorization: string };
  let secret = '';

  beforeAll(async () => {
    console = await openConsole({ worker: true });
    await console.page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  });
  afterAll(() => console?.close());

  const callApi = (method: string, path: string, authorization: string, body?: object) =>
    fetch(`${console.beacon.gatewayUrl}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(authorization && { authorization }) },
      body: body && JSON.stringify(body),
    });

  /** The API's own message for `field` when it refuses `body` (the page must show the same). */
  const apiMessage = async (path: string, who: { authorization: string }, body: object) => {
    const [method, url] = path.split(' ');
    const answer = await callApi(method, url, who.authorization, body);
    expect(answer.status).toBe(400);
    const { fields } = (await answer.json()) as { fields: { field: string; message: string }[] };
    return (field: string) => fields.find((failed) => failed.field === field)?.message ?? '?';
  };

  /** `curl -H 'X-Api-Key: …' /api/links`, as a script holding the key would call. */
  const curlLinks = async (key: string) => {
    const { stdout } = await run('curl', [
      '-s',
      '-w',
      '\n%{http_code}',
      '-H',
      `X-Api-Key: ${key}`,
      `${console.beacon.gatewayUrl}/api/links`,
    ]);
    const lines = stdout.split('\n');
    const status = Number(lines.pop());
    return { status, body: JSON.parse(lines.join('\n')) as { items?: unknown[] } };
  };

  /** The error shown under a labelled control, which names it in aria-describedby. */
  const errorBeside = async (label: string, errorId: string) => {
    const error = console.page.locator(`#${errorId}`);
    await error.waitFor();
    const control = console.page.getByLabel(label, { exact: true });
    expect(await control.getAttribute('aria-describedby')).toContain(errorId);
    expect(await control.getAttribute('aria-invalid')).toBe('true');
    return error.textContent();
  };

  const focusedText = () =>
    console.page.evaluate<string | undefined>('document.activeElement?.textContent');

  it('shows no keys, then the API messages beside the name and the scopes', async () => {
    const { page, screenshot, expectAccessible } = console;
    user = await console.signIn();
    await page.getByRole('link', { name: 'API keys' }).click();
    await page.getByRole('heading', { name: 'API keys', level: 1 }).waitFor();
    await page.getByText('No API keys yet').waitFor();
    await expectAccessible();
    await screenshot('keys-empty');

    const tooLong = 'n'.repeat(101);
    const expected = await apiMessage('POST /api/keys', user, { name: tooLong, scopes: [] });
    await page.getByLabel('Name', { exact: true }).fill(tooLong);
    await page.getByRole('button', { name: 'Create key' }).click();
    expect(await errorBeside('Name', 'field-name-error')).toBe(expected('name'));
    const scopes = page.getByRole('group', { name: 'Scopes' });
    expect(await scopes.getAttribute('aria-describedby')).toBe('field-scopes-error');
    expect(await page.locator('#field-scopes-error').textContent()).toBe(expected('scopes'));
    await expectAccessible();
    await screenshot('keys-error');
  });

  it('shows a new key once, which works with curl, and lists it without the secret', async () => {
    const { page, screenshot, expectAccessible } = console;
    await page.getByLabel('Name', { exact: true }).fill('nightly export');
    await page.getByRole('checkbox', { name: /links:read/ }).check();
    await page.getByRole('checkbox', { name: /stats:read/ }).check();
    await page.getByRole('button', { name: 'Create key' }).click();

    const issued = page.getByRole('region', { name: 'Your new key “nightly export”' });
    await issued.waitFor();
    expect(await issued.textContent()).toContain('it will not be shown again');
    secret = (await issued.locator('code.secret').textContent()) ?? '';
    expect(secret).toMatch(/^bk_\w{20,}/);
    await expect.poll(focusedText).toBe('Your new key “nightly export”');
    await issued.getByRole('button', { name: 'Copy key' }).click();
    await issued.getByText('Copied to the clipboard.').waitFor();
    expect(await page.evaluate<string>('navigator.clipboard.readText()')).toBe(secret);
    await expectAccessible();
    await screenshot('key-created');

    expect(await curlLinks(secret)).toMatchObject({ status: 200, body: { items: [], total: 0 } });
    await issued.getByRole('button', { name: 'Done' }).click();
    await issued.waitFor({ state: 'detached' });
    await expect.poll(focusedText).toBe('API keys');

    await page.reload();
    const listed = page.getByRole('list', { name: 'Your API keys' }).getByRole('listitem');
    await listed.first().waitFor();
    expect(await listed.count()).toBe(1);
    const item = (await listed.first().textContent()) ?? '';
    expect(item).toContain('nightly export');
    expect(item).toContain('links:read, stats:read');
    const prefix = (await listed.first().locator('code').textContent()) ?? '';
    expect(prefix).toMatch(/^bk_/);
    expect(secret.startsWith(prefix)).toBe(true);
    expect(await page.content()).not.toContain(secret);
    await expectAccessible();
    await screenshot('keys-list');
  });

  it('revokes a key after a confirm step, and curl is refused from then on', async () => {
    const { page, screenshot, expectAccessible } = console;
    const revoke = page.getByRole('button', { name: 'Revoke nightly export' });
    await revoke.click();
    const dialog = page.getByRole('dialog', { name: 'Revoke “nightly export”?' });
    await dialog.waitFor();
    await expect.poll(focusedText).toBe('Cancel');
    await expectAccessible();
    await screenshot('key-revoke-confirm');

    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(focusedText).toBe('Revoke');
    expect(await curlLinks(secret)).toMatchObject({ status: 200 });

    await revoke.click();
    await dialog.getByRole('button', { name: 'Revoke key' }).click();
    await page.getByText('No API keys yet').waitFor();
    await page.getByText('Revoked “nightly export”.').waitFor();
    await expect.poll(focusedText).toBe('Your keys');
    expect(await curlLinks(secret)).toMatchObject({ status: 401 });
  });

  it('shows no products to a user who is not an admin', async () => {
    const { page } = console;
    const navigation = page.getByRole('navigation', { name: 'Console' });
    await navigation.getByRole('link', { name: 'API keys' }).waitFor();
    expect(await navigation.getByRole('link', { name: 'Products' }).count()).toBe(0);
    await page.goto(`${console.beacon.gatewayUrl}/#/products`);
    await page.getByRole('heading', { name: 'Your links', level: 1 }).waitFor();
    expect(await page.getByRole('heading', { name: 'Products' }).count()).toBe(0);
    expect(await navigation.locator('[aria-current="page"]').textContent()).toBe('Links');
    // Nor a scope only an admin may grant.
    await navigation.getByRole('link', { name: 'API keys' }).click();
    await page.getByRole('group', { name: 'Scopes' }).getByText('links:read').waitFor();
    expect(await page.getByRole('checkbox', { name: /products:write/ }).count()).toBe(0);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  });

  it('lets an admin add a product, find it and see an empty ranking', async () => {
    const { page, screenshot, expectAccessible } = console;
    admin = await console.signIn({ admin: true });
    await page.getByRole('link', { name: 'Products' }).click();
    await page.getByRole('heading', { name: 'Products', level: 1 }).waitFor();
    await page.getByText('No products yet').waitFor();
    await page.getByText(/No product views from \d{4}-\d\d-\d\d to \d{4}-\d\d-\d\d yet/).waitFor();

    await page.getByLabel('SKU').fill('LAMP-7');
    await page.getByLabel('Name', { exact: true }).fill('Brass desk lamp');
    await page.getByLabel('Description (optional)').fill('Warm light for late evenings');
    await page.getByLabel('Category').fill('lighting');
    await page.getByLabel('Price').fill('39.90');
    await page.getByLabel('Stock').fill('12');
    await page.getByRole('button', { name: 'Add product' }).click();
    await page.getByText('Added “Brass desk lamp”.').waitFor();
    const rows = page.getByRole('region', { name: 'Product table' }).locator('tbody tr');
    await rows.first().waitFor();
    expect(await rows.first().innerText()).toMatch(
      /Brass desk lamp\s+LAMP-7\s+lighting\s+39\.90\s+12/,
    );
    await expectAccessible();
    await screenshot('products-list');

    const search = async (text: string, outcome: string) => {
      await page.getByLabel('Search products').fill(text);
      await page.getByRole('button', { name: 'Search', exact: true }).click();
      await page.getByText(outcome).waitFor();
    };
    await search('kettle', 'No product matches “kettle”.');
    expect(await rows.count()).toBe(0);
    await search('brass', '1 product found for “brass”.');
    expect(await rows.count()).toBe(1);
  });

  it('edits a product, with the API message beside a bad price', async () => {
    const { page, screenshot, expectAccessible } = console;
    const listed = (await (
      await callApi('GET', '/api/products?q=brass', admin.authorization)
    ).json()) as {
      items: { id: string }[];
    };
    const id = listed.items[0].id;
    const expected = await apiMessage(`PATCH /api/products/${id}`, admin, { price: -1 });

    const edit = page.getByRole('button', { name: 'Edit Brass desk lamp' });
    await edit.click();
    await page.getByRole('heading', { name: 'Edit “Brass desk lamp”' }).waitFor();
    await expect.poll(focusedText).toBe('Edit “Brass desk lamp”');
    expect(await page.getByLabel('Price').inputValue()).toBe('39.90');
    await page.getByLabel('Price').fill('-1');
    await page.getByRole('button', { name: 'Save changes' }).click();
    expect(await errorBeside('Price', 'field-price-error')).toBe(expected('price'));
    await expectAccessible();
    await screenshot('product-edit');

    await page.getByLabel('Name', { exact: true }).fill('Brass desk lamp XL');
    await page.getByLabel('Price').fill('44.50');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Saved “Brass desk lamp XL”.').waitFor();
    await page.getByRole('heading', { name: 'Add a product' }).waitFor();
    const product = (await (await callApi('GET', `/api/products/${id}`, '')).json()) as object;
    expect(product).toMatchObject({ name: 'Brass desk lamp XL', price: 44.5, stock: 12 });
    const row = page.getByRole('region', { name: 'Product table' }).locator('tbody tr').first();
    await row.getByText('44.50').waitFor();
    await expect.poll(focusedText).toBe('Edit');
  });

  it('ranks the products by views', async () => {
    const { page, screenshot, expectAccessible } = console;
    const [{ id }] = (
      (await (await callApi('GET', '/api/products?q=brass', '')).json()) as {
        items: { id: string }[];
      }
    ).items;
    // The edit test's read was one view; two more make three.
    for (let view = 0; view < 2; view++) {
      expect((await callApi('GET', `/api/products/${id}`, '')).status).toBe(200);
    }
    const ranking = page.getByRole('region', { name: 'Top products ranking' });
    await eventually(
      async () => {
        await page.getByRole('button', { name: 'Show top products' }).click();
        await ranking.locator('tbody tr').first().waitFor({ timeout: 500 });
        expect(await ranking.locator('tbody tr').first().innerText()).toMatch(
          /^1\s+Brass desk lamp XL\s+LAMP-7\s+lighting\s+3$/,
        );
      },
      { timeoutMs: 10_000, intervalMs: 200 },
    );
    await expectAccessible();
    await screenshot('top-products');
    expect(console.cspViolations).toEqual([]);
  });
});
