import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp, type BearerHeader } from './support/accounts';
import { AmqpTestClient } from './support/amqp-test-client';
import { runDatabaseTool } from './support/command-line-tool';
import { startBeacon, type BeaconHarness } from './support/beacon-harness';
import { eventually } from './support/eventually';
import { request } from './support/http-client';
import { parseMetrics, valueOf } from './support/metrics-text';
import { OtlpReceiver } from './support/otlp-receiver';

const PRODUCTS = [
  {
    sku: 'K-1',
    name: 'Copper Kettle',
    description: 'Boils water for tea',
    category: 'kitchen',
    price: 49.9,
    stock: 5,
  },
  {
    sku: 'K-2',
    name: 'Tea Towel',
    description: 'Cotton, dries a copper kettle',
    category: 'kitchen',
    price: 7.5,
    stock: 40,
  },
  {
    sku: 'K-3',
    name: 'Chef Knife',
    description: 'Forged steel blade',
    category: 'kitchen',
    price: 89,
    stock: 3,
  },
  {
    sku: 'G-1',
    name: 'Garden Hose',
    description: 'Twenty metres of green hose',
    category: 'garden',
    price: 25,
    stock: 12,
  },
  {
    sku: 'G-2',
    name: 'Watering Can',
    description: 'Galvanised steel can',
    category: 'garden',
    price: 19.99,
    stock: 8,
  },
];

describe('product catalog', () => {
  let beacon: BeaconHarness;
  let admin: BearerHeader;
  let user: BearerHeader;
  let amqp: AmqpTestClient;
  let createdEvents: string;
  const ids = new Map<string, string>();
  const api = () => `${beacon.gatewayUrl}/api/products`;

  beforeAll(async () => {
    beacon = await startBeacon();
    amqp = await AmqpTestClient.open(beacon.config.rabbitmq.urls, beacon.topology);
    createdEvents = await amqp.bindTemporaryQueue('product.created');
    admin = await signUp(beacon.gatewayUrl, 'catalog-admin@example.com');
    await beacon.sql("UPDATE users SET role = 'admin' WHERE email = ?", [
      'catalog-admin@example.com',
    ]);
    user = await signUp(beacon.gatewayUrl);
    for (const product of PRODUCTS) {
      const created = await request(api(), { method: 'POST', json: product, headers: admin });
      expect(created.status).toBe(201);
      ids.set(product.sku, created.body.id);
    }
  });
  afterAll(async () => {
    await amqp?.close();
    await beacon?.stop();
  });

  const list = (query: string) => request(`${api()}?${query}`);
  const skus = (body: { items: { sku: string }[] }) => body.items.map((item) => item.sku);

  it('lets only admins write: 401 anonymous, 403 for a user', async () => {
    const product = { sku: 'X-1', name: 'Nope', category: 'misc', price: 1 };
    expect((await request(api(), { method: 'POST', json: product })).status).toBe(401);
    const asUser = await request(api(), { method: 'POST', json: product, headers: user });
    expect(asUser).toMatchObject({ status: 403, body: { message: 'Requires the admin role' } });
    const id = ids.get('K-1');
    expect((await request(`${api()}/${id}`, { method: 'DELETE', headers: user })).status).toBe(403);
  });

  it('answers reads to anyone, with the price as a number', async () => {
    const read = await request(`${api()}/${ids.get('G-2')}`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ sku: 'G-2', name: 'Watering Can', price: 19.99, stock: 8 });
    expect((await request(`${api()}/999999`)).status).toBe(404);
    expect((await request(`${api()}/not-an-id`)).status).toBe(404);
  });

  it.each([
    ['a negative price', { price: -1 }, 'price'],
    ['three decimals', { price: 1.005 }, 'price'],
    ['an empty name', { name: '   ' }, 'name'],
    ['a bad category', { category: 'Kitchen Stuff' }, 'category'],
    ['a negative stock', { stock: -2 }, 'stock'],
    ['a fractional stock', { stock: 1.5 }, 'stock'],
    ['a bad sku', { sku: '../etc' }, 'sku'],
    ['an unknown field', { discount: 10 }, '(body)'],
  ])('refuses %s with 400 naming the field', async (_case, change, field) => {
    const product = { sku: 'V-1', name: 'Valid', category: 'misc', price: 1, ...change };
    const refused = await request(api(), { method: 'POST', json: product, headers: admin });
    expect(refused.status).toBe(400);
    expect(refused.body.fields.map((f: { field: string }) => f.field)).toContain(field);
  });

  it('answers 409 for a duplicate sku', async () => {
    const again = await request(api(), { method: 'POST', json: PRODUCTS[0], headers: admin });
    expect(again).toMatchObject({
      status: 409,
      body: { message: 'A product with sku K-1 already exists' },
    });
  });

  it('filters by category and price, sorts, and paginates with totals', async () => {
    const kitchen = await list('category=kitchen&sort=price');
    expect(kitchen.body).toMatchObject({ page: 1, limit: 20, total: 3 });
    expect(skus(kitchen.body)).toEqual(['K-2', 'K-1', 'K-3']);
    expect(skus((await list('category=kitchen&sort=-price')).body)).toEqual(['K-3', 'K-1', 'K-2']);
    expect(skus((await list('sort=name&limit=2')).body)).toEqual(['K-3', 'K-1']);
    const second = await list('sort=name&limit=2&page=2');
    expect(second.body).toMatchObject({ total: 5, page: 2 });
    expect(skus(second.body)).toEqual(['G-1', 'K-2']);
    expect(skus((await list('minPrice=19.99&maxPrice=49.90&sort=price')).body)).toEqual([
      'G-2',
      'G-1',
      'K-1',
    ]);
    expect((await list('')).body.total).toBe(5);
  });

  it('searches names and descriptions, ranking a name match above a description match', async () => {
    const found = await list('q=kettle');
    expect(skus(found.body)).toEqual(['K-1', 'K-2']);
    expect(skus((await list('q=copper%20kettle&sort=relevance')).body)).toEqual(['K-1', 'K-2']);
    expect(skus((await list('q=steel&category=garden')).body)).toEqual(['G-2']);
    expect(skus((await list('q=kett')).body)).toEqual(['K-1', 'K-2']);
  });

  it.each([
    '+kettle -tea',
    '"kettle',
    'kettle*)(~<>@',
    "'; DROP TABLE products; --",
    '+-*"()',
    '🔥',
  ])('treats operator characters in q as text: %s', async (q) => {
    const response = await list(`q=${encodeURIComponent(q)}`);
    expect(response.status).toBe(200);
    expect(response.body.total).toBe(response.body.items.length);
  });

  it.each([
    ['sort=relevance', 'sort'],
    ['limit=101', 'limit'],
    ['page=0', 'page'],
    ['minPrice=50&maxPrice=10', 'minPrice'],
    ['minPrice=-1', 'minPrice'],
    ['sort=price;DROP', 'sort'],
    ['category=../x', 'category'],
    [`q=${'a'.repeat(201)}`, 'q'],
  ])('refuses the query %s with 400', async (query, field) => {
    const refused = await list(query);
    expect(refused.status).toBe(400);
    expect(refused.body.fields.map((f: { field: string }) => f.field)).toContain(field);
  });

  it('serves repeated reads from its cache, and a write is visible at once', async () => {
    const cacheHits = async () =>
      valueOf(
        parseMetrics(await (await fetch(`${beacon.gatewayUrl}/metrics`)).text()),
        'cache_requests_total',
        { cache: 'products', result: 'hit' },
      );
    const id = ids.get('K-3');
    const before = await cacheHits();
    for (let i = 0; i < 3; i++) expect((await request(`${api()}/${id}`)).body.price).toBe(89);
    for (let i = 0; i < 3; i++) await list('category=kitchen&sort=price');
    expect(await cacheHits()).toBeGreaterThanOrEqual(before + 4);
    const patched = await request(`${api()}/${id}`, {
      method: 'PATCH',
      json: { price: 79 },
      headers: admin,
    });
    expect(patched.status).toBe(200);
    expect((await request(`${api()}/${id}`)).body.price).toBe(79);
    const kitchen = await list('category=kitchen&sort=price');
    expect(kitchen.body.items.find((item: { sku: string }) => item.sku === 'K-3').price).toBe(79);
  });

  it('updates and deletes, publishing product.created on the way in', async () => {
    const id = ids.get('G-1');
    const updated = await request(`${api()}/${id}`, {
      method: 'PATCH',
      json: { price: 22.5, stock: 0 },
      headers: admin,
    });
    expect(updated.body).toMatchObject({ sku: 'G-1', price: 22.5, stock: 0 });
    expect(
      (await request(`${api()}/${id}`, { method: 'PATCH', json: {}, headers: admin })).status,
    ).toBe(400);
    expect((await request(`${api()}/${id}`, { method: 'DELETE', headers: admin })).status).toBe(
      204,
    );
    expect((await request(`${api()}/${id}`)).status).toBe(404);
    const events = await eventually(async () => {
      const messages = await amqp.drain(createdEvents);
      expect(messages.length).toBeGreaterThan(0);
      return messages;
    });
    const envelopes = events.flatMap((message) => {
      const body = JSON.parse(message.content.toString());
      return Array.isArray(body) ? body : [body];
    });
    expect(envelopes.map((envelope) => envelope.data.productId)).toContain(ids.get('K-1'));
  });
});

describe('npm run seed', () => {
  let beacon: BeaconHarness;
  beforeAll(async () => {
    beacon = await startBeacon();
  });
  afterAll(() => beacon?.stop());

  const seed = (...args: string[]) =>
    runDatabaseTool(beacon.config.database, 'catalog/seed.main.js', args);
  /** The row count and a checksum over every seeded column. */
  const snapshot = () =>
    beacon.sql<{ product_count: number; checksum: string }>(
      "SELECT COUNT(*) AS product_count, SUM(CRC32(CONCAT_WS('|', sku, name, description, category, price, stock))) AS checksum FROM products",
    );

  it('fills a deterministic catalog, and a second run changes nothing', async () => {
    expect(seed('--products', '1500')).toEqual({ status: 0, output: 'seeded 1500 products\n' });
    const first = await snapshot();
    expect(Number(first[0].product_count)).toBe(1500);
    expect(seed('--products', '1500').status).toBe(0);
    expect(await snapshot()).toEqual(first);
    const found = await request(`${beacon.gatewayUrl}/api/products?q=copper&limit=5`);
    expect(found.status).toBe(200);
    expect(found.body.total).toBeGreaterThan(0);
    expect(found.body.items[0].name).toMatch(/Copper/);
  });

  it('refuses a missing or absurd count with its usage', () => {
    for (const args of [[], ['--products', '0'], ['--products', 'lots'], ['--product', '5']]) {
      const refused = seed(...args);
      expect(refused.status).toBe(2);
      expect(refused.output).toContain('usage: npm run seed');
    }
  });
});

const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
const SERVER_SPAN = 2;

/**
 * Both cache modes, each with two gateway processes on one database, traced (always_on) into a
 * receiver so the test can count the SQL each request made. In Redis mode the replicas share
 * entries; in process each has its own, kept true by the product.* events.
 */
describe.each([
  { mode: 'in process', env: {}, shared: false },
  { mode: 'in Redis', env: { REDIS_URL }, shared: true },
])('product cache $mode, two gateway replicas', ({ env, shared }) => {
  let receiver: OtlpReceiver;
  let beacon: BeaconHarness;
  let replica: string;
  let admin: BearerHeader;
  beforeAll(async () => {
    receiver = await OtlpReceiver.start();
    beacon = await startBeacon({
      processes: { traced: true },
      env: {
        ...env,
        CACHE_TTL_MS: '600000',
        OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
        OTEL_TRACES_SAMPLER: 'always_on',
      },
    });
    replica = await beacon.startGatewayReplica();
    admin = await signUp(beacon.gatewayUrl, 'replica-admin@example.com');
    await beacon.sql("UPDATE users SET role = 'admin' WHERE email = ?", [
      'replica-admin@example.com',
    ]);
  });
  afterAll(async () => {
    await beacon?.stop();
    await receiver?.close();
  });

  const cacheRequests = async (gateway: string, result: 'hit' | 'miss') =>
    valueOf(
      parseMetrics(await (await fetch(`${gateway}/metrics`)).text()),
      'cache_requests_total',
      { cache: 'products', result },
    );

  /** The traces of the product list requests answered so far, and how many of them ran SQL. */
  const listTraces = () => {
    const traces = new Set(
      receiver.spans
        .filter(
          (span) =>
            span.kind === SERVER_SPAN &&
            span.attributes['http.route'] === '/api/products' &&
            (span.attributes['http.request.method'] ?? span.attributes['http.method']) === 'GET',
        )
        .map((span) => span.traceId),
    );
    const withSql = new Set(
      receiver.spans
        .filter((span) => traces.has(span.traceId) && span.attributes['db.system.name'] === 'mysql')
        .map((span) => span.traceId),
    );
    return { answered: traces.size, withSql: withSql.size };
  };

  it('loads a cold key once for 20 concurrent reads, then hits', async () => {
    // Straight into MySQL: a write through the API would evict (its event arrives mid-burst).
    await beacon.sql(
      "INSERT INTO products (sku, name, description, category, price, stock) VALUES ('F-1', 'Flight Lamp', '', 'flight', 12, 1)",
    );
    const burst = await Promise.all(
      Array.from({ length: 20 }, () =>
        request(`${beacon.gatewayUrl}/api/products?category=flight`),
      ),
    );
    expect(burst.map((response) => response.body.total)).toEqual(Array(20).fill(1));
    const traces = await eventually(() => {
      const seen = listTraces();
      expect(seen.answered, 'server spans of the 20 list requests').toBe(20);
      return seen;
    });
    expect(traces.withSql, 'requests whose trace holds a mysql span').toBe(1);

    // Some of the burst may have come in after the load, as hits; the next read is one for sure.
    const hitsBefore = await cacheRequests(beacon.gatewayUrl, 'hit');
    expect((await request(`${beacon.gatewayUrl}/api/products?category=flight`)).status).toBe(200);
    expect(await cacheRequests(beacon.gatewayUrl, 'hit')).toBe(hitsBefore + 1);
  });

  it(`${shared ? 'shares' : 'does not share'} entries between the replicas`, async () => {
    const created = await request(`${beacon.gatewayUrl}/api/products`, {
      method: 'POST',
      json: { sku: 'S-1', name: 'Shared Lamp', category: 'shared', price: 5 },
      headers: admin,
    });
    const path = `/api/products/${created.body.id}`;
    expect((await request(`${beacon.gatewayUrl}${path}`)).status).toBe(200);
    const before = await cacheRequests(replica, 'hit');
    expect((await request(`${replica}${path}`)).body.name).toBe('Shared Lamp');
    expect(await cacheRequests(replica, 'hit')).toBe(before + (shared ? 1 : 0));
  });

  it('drops a product the other replica changed or deleted, once the event arrives', async () => {
    const created = await request(`${beacon.gatewayUrl}/api/products`, {
      method: 'POST',
      json: { sku: 'R-1', name: 'Replica Lamp', category: 'lighting', price: 30 },
      headers: admin,
    });
    expect(created.status).toBe(201);
    const onReplica = `${replica}/api/products/${created.body.id}`;
    // Cached on the replica, for ten minutes unless an event says otherwise.
    expect((await request(onReplica)).body.price).toBe(30);
    expect((await request(`${replica}/api/products?category=lighting`)).body.total).toBe(1);

    const patched = await request(`${beacon.gatewayUrl}/api/products/${created.body.id}`, {
      method: 'PATCH',
      json: { price: 35 },
      headers: admin,
    });
    expect(patched.status).toBe(200);
    await eventually(async () => expect((await request(onReplica)).body.price).toBe(35));

    const deleted = await request(`${beacon.gatewayUrl}/api/products/${created.body.id}`, {
      method: 'DELETE',
      headers: admin,
    });
    expect(deleted.status).toBe(204);
    await eventually(async () => expect((await request(onReplica)).status).toBe(404));
    const lighting = await request(`${replica}/api/products?category=lighting`);
    expect(lighting.body.total).toBe(0);
  });
});
