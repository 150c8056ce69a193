import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp } from './support/accounts';
import { startBeacon } from './support/beacon-harness';
import { eventually } from './support/eventually';
import { FakeAiProvider } from './support/fake-ai-provider';
import { request } from './support/http-client';
import { parseMetrics, valueOf } from './support/metrics-text';

const CLOSED = 0;
const HALF_OPEN = 1;
const OPEN = 2;

/** The gateway and the worker in this process; the worker asks the fake provider. */
async function startWithProvider(env: Record<string, string>) {
  // The product read cache would keep serving a product as it was before its enrichment.
  const beacon = await startBeacon({ worker: true, env: { CACHE_ENABLED: 'false', ...env } });
  const owner = await signUp(beacon.gatewayUrl);
  const adminEmail = `enrichment-admin-${Date.now()}@example.com`;
  const admin = await signUp(beacon.gatewayUrl, adminEmail);
  await beacon.sql("UPDATE users SET role = 'admin' WHERE email = ?", [adminEmail]);
  let created = 0;
  /** Creates a link and waits until the worker has classified it; returns its view. */
  const enriched = async (url: string) => {
    const slug = `enriched-${++created}`;
    const response = await request(`${beacon.gatewayUrl}/api/links`, {
      method: 'POST',
      json: { url, slug },
      headers: owner,
    });
    expect(response.status).toBe(201);
    expect(response.body.category).toBeNull();
    return eventually(async () => {
      const link = await request(`${beacon.gatewayUrl}/api/links/${slug}`, { headers: owner });
      expect(link.body.category, `${slug} classified`).not.toBeNull();
      return link.body as { category: string; summary: string };
    });
  };
  /** Creates a product and waits until the worker has classified it; returns its view. */
  const enrichedProduct = async (product: {
    name: string;
    category: string;
    description: string;
  }) => {
    const response = await request(`${beacon.gatewayUrl}/api/products`, {
      method: 'POST',
      json: { ...product, sku: `SKU-${++created}`, price: 10, stock: 1 },
      headers: admin,
    });
    expect(response.status).toBe(201);
    expect(response.body.classifiedCategory).toBeNull();
    return eventually(async () => {
      const view = await request(`${beacon.gatewayUrl}/api/products/${response.body.id}`);
      expect(view.body.classifiedCategory, `${product.name} classified`).not.toBeNull();
      return view.body as { category: string; classifiedCategory: string; summary: string };
    });
  };
  const workerMetric = async (name: string, labels: Record<string, string>) =>
    valueOf(parseMetrics(await (await fetch(`${beacon.workerUrl}/metrics`)).text()), name, labels);
  const aiRequests = (result: string) => workerMetric('ai_requests_total', { result });
  const breakerState = () => workerMetric('circuit_breaker_state', { name: 'ai-provider' });
  return { beacon, enriched, enrichedProduct, aiRequests, breakerState };
}

describe('link and product enrichment through the AI provider, behind a circuit breaker', () => {
  let provider: FakeAiProvider;
  let context: Awaited<ReturnType<typeof startWithProvider>>;
  beforeAll(async () => {
    provider = await FakeAiProvider.start();
    context = await startWithProvider({
      AI_PROVIDER_URL: provider.url,
      AI_TIMEOUT_MS: '300',
      AI_BREAKER_FAILURE_THRESHOLD: '3',
      AI_BREAKER_SUCCESS_THRESHOLD: '2',
      AI_BREAKER_RESET_MS: '1500',
    });
  });
  afterAll(async () => {
    await context?.beacon.stop();
    await provider?.close();
  });

  it("stores the provider's category and summary with the link", async () => {
    const successesBefore = await context.aiRequests('success');
    const link = await context.enriched('https://github.com/nestjs/nest');
    expect(link).toMatchObject({ category: 'education', summary: 'From the model' });
    expect(provider.asked).toEqual(['URL: https://github.com/nestjs/nest']);
    expect(await context.aiRequests('success')).toBe(successesBefore + 1);
    expect(await context.breakerState()).toBe(CLOSED);
  });

  it("stores the provider's classification with a product, beside the shop's category", async () => {
    provider.mode = { kind: 'answer', category: 'kitchen', summary: 'A copper kettle' };
    const product = await context.enrichedProduct({
      name: 'Copper Kettle',
      category: 'cookware',
      description: 'Boils water on any stove',
    });
    expect(product).toMatchObject({
      category: 'cookware',
      classifiedCategory: 'kitchen',
      summary: 'A copper kettle',
    });
    expect(provider.asked.at(-1)).toBe(
      'Name: Copper Kettle\nShop category: cookware\nDescription: Boils water on any stove',
    );
    provider.mode = { kind: 'answer', category: 'education', summary: 'From the model' };
  });

  it('counts a timeout as an error and answers with the local classifier', async () => {
    provider.mode = { kind: 'slow', delayMs: 1_000 };
    const errorsBefore = await context.aiRequests('error');
    const link = await context.enriched('https://www.youtube.com/watch?v=queues');
    expect(link).toMatchObject({ category: 'video', summary: 'A link to youtube.com' });
    expect(await context.aiRequests('error')).toBe(errorsBefore + 1);
    expect(await context.breakerState()).toBe(CLOSED);
  });

  it('opens after 3 failures in a row, answers locally without asking while open, and closes after 2 successful probes', async () => {
    // After the timeout's failure above, a success starts the count over.
    provider.mode = { kind: 'answer', category: 'finance', summary: 'Counted again' };
    expect((await context.enriched('https://example.com/count-again')).category).toBe('finance');
    provider.mode = { kind: 'fail', status: 500 };
    for (let i = 0; i < 3; i++) {
      expect(await context.breakerState()).toBe(CLOSED);
      expect((await context.enriched('https://example.com/shop/kettle')).category).toBe('shopping');
    }
    expect(await context.breakerState()).toBe(OPEN);
    const askedWhenOpened = provider.asked.length;
    const fallbacksBefore = await context.aiRequests('fallback');
    expect((await context.enriched('https://news.example.org/')).category).toBe('news');
    expect(provider.asked.length, 'an open circuit does not ask the provider').toBe(
      askedWhenOpened,
    );
    expect(await context.aiRequests('fallback')).toBe(fallbacksBefore + 1);

    await eventually(async () => expect(await context.breakerState()).toBe(HALF_OPEN), {
      timeoutMs: 5_000,
    });
    provider.mode = { kind: 'answer', category: 'travel', summary: 'Probed' };
    expect(await context.enriched('https://example.com/')).toMatchObject({
      category: 'travel',
      summary: 'Probed',
    });
    expect(await context.breakerState(), 'one success of AI_BREAKER_SUCCESS_THRESHOLD=2').toBe(
      HALF_OPEN,
    );
    expect((await context.enriched('https://example.com/again')).category).toBe('travel');
    expect(await context.breakerState()).toBe(CLOSED);
  });
});

describe("the AI provider's sockets (AI_MAX_SOCKETS)", () => {
  let provider: FakeAiProvider;
  let context: Awaited<ReturnType<typeof startWithProvider>>;
  beforeAll(async () => {
    provider = await FakeAiProvider.start();
    // Slow enough that the links' classifications overlap, well within the timeout even when
    // they take turns on two sockets.
    provider.mode = { kind: 'slow', delayMs: 300 };
    context = await startWithProvider({
      AI_PROVIDER_URL: provider.url,
      AI_TIMEOUT_MS: '10000',
      AI_MAX_SOCKETS: '2',
    });
  });
  afterAll(async () => {
    await context?.beacon.stop();
    await provider?.close();
  });

  it('classifies links created at once over at most two sockets, kept alive between calls', async () => {
    const successesBefore = await context.aiRequests('success');
    const paths = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
    const links = await Promise.all(
      paths.map((path) => context.enriched(`https://example.com/${path}`)),
    );
    expect(links.map((link) => link.summary)).toEqual(paths.map(() => 'Too late'));
    expect(await context.aiRequests('success')).toBe(successesBefore + paths.length);
    expect(provider.completionSockets.mostOpen).toBeLessThanOrEqual(2);
    expect(
      provider.completionSockets.opened,
      'sockets are reused, not opened per call',
    ).toBeLessThanOrEqual(2);
  });
});

describe('link and product enrichment without a provider', () => {
  let context: Awaited<ReturnType<typeof startWithProvider>>;
  beforeAll(async () => {
    context = await startWithProvider({ AI_PROVIDER_URL: '' });
  });
  afterAll(() => context?.beacon.stop());

  it('classifies every link locally, counted as fallback', async () => {
    const before = {
      fallback: await context.aiRequests('fallback'),
      success: await context.aiRequests('success'),
    };
    expect(await context.enriched('https://en.wikipedia.org/wiki/Lighthouse')).toMatchObject({
      category: 'education',
      summary: 'A link to en.wikipedia.org',
    });
    expect(await context.aiRequests('fallback')).toBe(before.fallback + 1);
    expect(await context.aiRequests('success')).toBe(before.success);
  });

  it('classifies every product locally, from its words', async () => {
    expect(
      await context.enrichedProduct({
        name: 'Brass Desk Lamp',
        category: 'decor',
        description: 'Warm light for late work',
      }),
    ).toMatchObject({
      category: 'decor',
      classifiedCategory: 'lighting',
      summary: 'Brass Desk Lamp',
    });
  });
});
