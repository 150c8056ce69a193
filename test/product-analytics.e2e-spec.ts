import { createEnvelope, productViewed } from '@beacon/messaging';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp, type BearerHeader } from './support/accounts';
import { AmqpTestClient } from './support/amqp-test-client';
import { startBeacon, type BeaconHarness } from './support/beacon-harness';
import { eventually } from './support/eventually';
import { request } from './support/http-client';

interface TopItem {
  sku: string;
  views: number;
}

describe('product views through RabbitMQ and the worker, read back as the top products', () => {
  let beacon: BeaconHarness;
  let admin: BearerHeader;
  let amqp: AmqpTestClient;
  const ids = new Map<string, string>();
  const top = (query = '', headers: BearerHeader | Record<string, never> = admin) =>
    request(`${beacon.gatewayUrl}/api/analytics/products/top${query}`, { headers });
  const ranking = (body: { items: TopItem[] }) =>
    body.items.map((item) => `${item.sku}:${item.views}`);
  const view = async (sku: string, times: number) => {
    for (let i = 0; i < times; i++) {
      expect((await request(`${beacon.gatewayUrl}/api/products/${ids.get(sku)}`)).status).toBe(200);
    }
  };

  beforeAll(async () => {
    beacon = await startBeacon({ worker: true });
    amqp = await AmqpTestClient.open(beacon.config.rabbitmq.urls, beacon.topology);
    admin = await signUp(beacon.gatewayUrl, 'views-admin@example.com');
    await beacon.sql("UPDATE users SET role = 'admin' WHERE email = ?", [
      'views-admin@example.com',
    ]);
    for (const sku of ['V-A', 'V-B', 'V-C']) {
      const created = await request(`${beacon.gatewayUrl}/api/products`, {
        method: 'POST',
        json: { sku, name: `Viewed ${sku}`, category: 'viewed', price: 10 },
        headers: admin,
      });
      expect(created.status).toBe(201);
      ids.set(sku, created.body.id);
    }
  });
  afterAll(async () => {
    await amqp?.close();
    await beacon?.stop();
  });

  it('ranks the products by views today, the most viewed first', async () => {
    await view('V-A', 3);
    await view('V-C', 2);
    await view('V-B', 1);
    const today = new Date().toISOString().slice(0, 10);
    const body = await eventually(async () => {
      const response = await top();
      expect(response.status).toBe(200);
      expect(ranking(response.body)).toEqual(['V-A:3', 'V-C:2', 'V-B:1']);
      return response.body;
    });
    expect(body.to).toBe(today);
    expect(body.items[0]).toEqual({
      productId: ids.get('V-A'),
      sku: 'V-A',
      name: 'Viewed V-A',
      category: 'viewed',
      views: 3,
    });
    expect(ranking((await top('?limit=2')).body)).toEqual(['V-A:3', 'V-C:2']);
  });

  it('counts a redelivered view once, on the day it happened', async () => {
    const day = '2026-01-15';
    const duplicated = createEnvelope(
      productViewed,
      { productId: ids.get('V-B')! },
      Date.parse(`${day}T10:00:00Z`),
    );
    await amqp.publishEvent(productViewed.type, duplicated);
    await amqp.publishEvent(productViewed.type, duplicated);
    // Published after the duplicates: once it counts, they have been stored (or skipped).
    const sentinel = createEnvelope(
      productViewed,
      { productId: ids.get('V-C')! },
      Date.parse(`${day}T11:00:00Z`),
    );
    await amqp.publishEvent(productViewed.type, sentinel);
    const range = `?from=${day}&to=${day}`;
    await eventually(async () =>
      expect(ranking((await top(range)).body)).toEqual(['V-B:1', 'V-C:1']),
    );
    expect(ranking((await top('?from=2026-01-16&to=2026-01-31')).body)).toEqual([]);
  });

  it('leaves deleted products out of the ranking', async () => {
    const deleted = await request(`${beacon.gatewayUrl}/api/products/${ids.get('V-C')}`, {
      method: 'DELETE',
      headers: admin,
    });
    expect(deleted.status).toBe(204);
    expect(ranking((await top()).body)).toEqual(['V-A:3', 'V-B:1']);
  });

  it('answers only admins: 401 anonymous, 403 for a user', async () => {
    expect((await top('', {})).status).toBe(401);
    const user = await signUp(beacon.gatewayUrl);
    expect((await top('', user)).status).toBe(403);
  });

  it.each([
    ['?limit=0', 'limit'],
    ['?limit=101', 'limit'],
    ['?limit=ten', 'limit'],
    ['?from=2026-02-30', 'from'],
    ['?from=2026-03-02&to=2026-03-01', 'from'],
    ['?from=2000-01-01&to=2026-01-01', 'from'],
  ])('refuses %s with 400 naming %s', async (query, field) => {
    const response = await top(query);
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).toContain(field);
  });
});
