import { WebhookSecretBox, verifySignature } from '@beacon/webhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp, type BearerHeader } from './support/accounts';
import { AmqpTestClient } from './support/amqp-test-client';
import { startBeacon, TEST_JWT_SECRET, type BeaconHarness } from './support/beacon-harness';
import { runBrokerTool } from './support/command-line-tool';
import { eventually } from './support/eventually';
import { request } from './support/http-client';
import { startWebhookReceiver, type WebhookReceiver } from './support/webhook-receiver';

const DELIVERIES = 'webhook-deliveries';
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function createWebhook(
  gatewayUrl: string,
  owner: BearerHeader,
  url: string,
  events: string[],
): Promise<{ id: string; secret: string }> {
  const created = await request(`${gatewayUrl}/api/webhooks`, {
    method: 'POST',
    json: { url, events },
    headers: owner,
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body;
}

async function newLink(
  gatewayUrl: string,
  owner: BearerHeader,
  json: Record<string, unknown>,
): Promise<void> {
  const created = await request(`${gatewayUrl}/api/links`, {
    method: 'POST',
    json,
    headers: owner,
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
}

const listWebhooks = async (gatewayUrl: string, owner: BearerHeader) =>
  (await request(`${gatewayUrl}/api/webhooks`, { headers: owner })).body.items;

/** Built apps in their own processes: a worker can be stopped, and every log line is kept. */
describe('webhooks: signed deliveries with retries and dead letters', () => {
  let beacon: BeaconHarness;
  let amqp: AmqpTestClient;
  let receiver: WebhookReceiver;
  const secrets: string[] = [];

  beforeAll(async () => {
    receiver = await startWebhookReceiver((request, earlier) => {
      if (request.path === '/flaky') return earlier < 2 ? 500 : 204;
      return request.path === '/down' ? 503 : 200;
    });
    beacon = await startBeacon({
      worker: true,
      processes: {},
      env: { WEBHOOK_ALLOW_PRIVATE: 'true', WEBHOOK_RETRY_DELAYS_MS: '200,200', LOG_LEVEL: 'info' },
    });
    amqp = await AmqpTestClient.open(beacon.config.rabbitmq.urls, beacon.topology);
  });
  afterAll(async () => {
    await amqp?.close();
    await beacon?.stop();
    await receiver?.close();
  });

  it('registers, lists and deletes webhooks; the secret is shown once and never stored in clear', async () => {
    const owner = await signUp(beacon.gatewayUrl);
    const { id, secret } = await createWebhook(beacon.gatewayUrl, owner, `${receiver.base}/x`, [
      'link.created',
      'link.deleted',
    ]);
    secrets.push(secret);
    expect(secret).toMatch(/^whsec_/);
    expect(await listWebhooks(beacon.gatewayUrl, owner)).toEqual([
      expect.objectContaining({ id, status: 'active', events: ['link.created', 'link.deleted'] }),
    ]);
    const rows = await beacon.sql('SELECT * FROM webhooks');
    expect(JSON.stringify(rows)).not.toContain(secret.slice('whsec_'.length));

    const badEvents = await request(`${beacon.gatewayUrl}/api/webhooks`, {
      method: 'POST',
      json: { url: `${receiver.base}/x`, events: ['link.renamed'] },
      headers: owner,
    });
    expect(badEvents.status).toBe(400);
    expect(badEvents.body.fields).toEqual([expect.objectContaining({ field: 'events.0' })]);

    const stranger = await signUp(beacon.gatewayUrl);
    const url = `${beacon.gatewayUrl}/api/webhooks/${id}`;
    expect((await request(url, { method: 'DELETE', headers: stranger })).status).toBe(404);
    const key = await request(`${beacon.gatewayUrl}/api/keys`, {
      method: 'POST',
      json: { name: 'ci', scopes: ['links:read', 'links:write', 'stats:read'] },
      headers: owner,
    });
    const withKey = await request(`${beacon.gatewayUrl}/api/webhooks`, {
      headers: { 'x-api-key': key.body.key },
    });
    expect(withKey.status, 'API keys never manage webhooks').toBe(403);
    expect((await request(url, { method: 'DELETE', headers: owner })).status).toBe(204);
    expect(await listWebhooks(beacon.gatewayUrl, owner)).toEqual([]);
  });

  it('retries a failing receiver: three attempts, one delivery id, each validly signed', async () => {
    const owner = await signUp(beacon.gatewayUrl);
    const { secret } = await createWebhook(beacon.gatewayUrl, owner, `${receiver.base}/flaky`, [
      'link.created',
    ]);
    secrets.push(secret);
    await newLink(beacon.gatewayUrl, owner, { url: 'https://example.com/flaky', slug: 'flaky' });

    await eventually(() => expect(receiver.on('/flaky')).toHaveLength(3));
    const attempts = receiver.on('/flaky');
    const ids = new Set(attempts.map((attempt) => attempt.headers['x-beacon-delivery']));
    expect(ids.size).toBe(1);
    for (const { headers, body } of attempts) {
      const signature = String(headers['x-beacon-signature']);
      expect(signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
      expect(verifySignature(secret, body, signature, Math.floor(Date.now() / 1000))).toBe(true);
    }
    expect(JSON.parse(attempts[2].body)).toEqual({
      id: expect.any(String),
      type: 'link.created',
      occurredAt: expect.any(String),
      data: { linkId: expect.any(String), slug: 'flaky', targetUrl: 'https://example.com/flaky' },
    });
    await eventually(async () =>
      expect(await listWebhooks(beacon.gatewayUrl, owner)).toEqual([
        expect.objectContaining({
          status: 'active',
          failingSince: null,
          lastError: null,
          lastDeliveryAt: expect.any(String),
        }),
      ]),
    );
    await pause(600);
    expect(receiver.on('/flaky'), 'nothing after the success').toHaveLength(3);
  });

  it('dead-letters a delivery whose receiver never succeeds, once, listed by npm run dlq', async () => {
    const owner = await signUp(beacon.gatewayUrl);
    const { secret } = await createWebhook(beacon.gatewayUrl, owner, `${receiver.base}/down`, [
      'link.created',
    ]);
    secrets.push(secret);
    const fine = await createWebhook(beacon.gatewayUrl, owner, `${receiver.base}/fine`, [
      'link.created',
    ]);
    secrets.push(fine.secret);
    await newLink(beacon.gatewayUrl, owner, { url: 'https://example.com/down', slug: 'down' });

    const deadCount = () => amqp.messageCount(beacon.topology.deadQueue(DELIVERIES));
    await eventually(async () => expect(await deadCount()).toBe(1));
    expect(receiver.on('/down')).toHaveLength(3);
    expect(receiver.on('/fine'), 'the other webhook got it once, not once per retry').toHaveLength(
      1,
    );
    const listed = runBrokerTool(beacon.config.rabbitmq, 'dead-letters/dlq.main.js', [
      'list',
      '--queue',
      DELIVERIES,
    ]);
    expect(listed.status).toBe(0);
    expect(listed.output).toMatch(/reason: failed 3 times, last: .*answered HTTP 503/);
    const [down] = (await listWebhooks(beacon.gatewayUrl, owner)).filter(
      (webhook: { url: string }) => webhook.url.endsWith('/down'),
    );
    expect(down).toMatchObject({
      status: 'active',
      failingSince: expect.any(String),
      lastError: 'answered HTTP 503',
    });
  });

  it('delivers a visit with its public fields only', async () => {
    const owner = await signUp(beacon.gatewayUrl);
    const { secret } = await createWebhook(beacon.gatewayUrl, owner, `${receiver.base}/visits`, [
      'link.visited',
    ]);
    secrets.push(secret);
    await newLink(beacon.gatewayUrl, owner, { url: 'https://example.com/v', slug: 'visited' });
    const visit = await fetch(`${beacon.gatewayUrl}/visited`, {
      redirect: 'manual',
      headers: { referer: 'https://secret-referrer.example/', 'user-agent': 'PrivateAgent/1' },
    });
    expect(visit.status).toBe(302);
    await eventually(() => expect(receiver.on('/visits')).toHaveLength(1));
    const { type, data } = JSON.parse(receiver.on('/visits')[0].body);
    expect(type).toBe('link.visited');
    expect(Object.keys(data).sort()).toEqual(['linkId', 'slug', 'source', 'visitedAt', 'withheld']);
    expect(data).toMatchObject({ slug: 'visited', source: 'direct', withheld: false });
  });

  it('announces link.expired once per link, however often it is visited after', async () => {
    const owner = await signUp(beacon.gatewayUrl);
    const { secret } = await createWebhook(beacon.gatewayUrl, owner, `${receiver.base}/expired`, [
      'link.expired',
    ]);
    secrets.push(secret);
    await newLink(beacon.gatewayUrl, owner, {
      url: 'https://example.com/once',
      slug: 'used-up',
      maxVisits: 1,
    });
    await newLink(beacon.gatewayUrl, owner, {
      url: 'https://example.com/soon',
      slug: 'soon-gone',
      expiresAt: new Date(Date.now() + 1_500).toISOString(),
    });
    const visit = async (slug: string) =>
      (await fetch(`${beacon.gatewayUrl}/${slug}`, { redirect: 'manual' })).status;
    expect([await visit('used-up'), await visit('used-up'), await visit('used-up')]).toEqual([
      302, 410, 410,
    ]);
    await pause(1_600);
    expect([await visit('soon-gone'), await visit('soon-gone')]).toEqual([410, 410]);

    await eventually(() => expect(receiver.on('/expired')).toHaveLength(2));
    await pause(800);
    const bodies = receiver.on('/expired').map((item) => JSON.parse(item.body));
    expect(bodies.map(({ data }) => [data.slug, data.reason]).sort()).toEqual([
      ['soon-gone', 'expired'],
      ['used-up', 'exhausted'],
    ]);
  });

  it('keeps deliveries while no worker runs, and delivers them once one starts', async () => {
    const owner = await signUp(beacon.gatewayUrl);
    const { secret } = await createWebhook(beacon.gatewayUrl, owner, `${receiver.base}/later`, [
      'link.created',
    ]);
    secrets.push(secret);
    expect(await beacon.signalStop('worker')).toBe(0);
    await newLink(beacon.gatewayUrl, owner, { url: 'https://example.com/l', slug: 'later' });
    await pause(1_000);
    expect(receiver.on('/later')).toHaveLength(0);
    await beacon.startWorker();
    await eventually(() => expect(receiver.on('/later')).toHaveLength(1), { timeoutMs: 15_000 });
  });

  it('never writes a secret to the logs', () => {
    const logs = [...beacon.output.gateway, ...beacon.output.worker].join('\n');
    expect(logs.length).toBeGreaterThan(0);
    for (const secret of secrets) expect(logs).not.toContain(secret);
  });
});

describe('webhooks: internal addresses refused (WEBHOOK_ALLOW_PRIVATE=false)', () => {
  let beacon: BeaconHarness;
  let receiver: WebhookReceiver;
  let owner: BearerHeader;

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    beacon = await startBeacon({ worker: true });
    owner = await signUp(beacon.gatewayUrl);
  });
  afterAll(async () => {
    await beacon?.stop();
    await receiver?.close();
  });

  it.each([
    ['a loopback IP', (port: number) => `http://127.0.0.1:${port}/`],
    ['a name that resolves to loopback', (port: number) => `http://localhost:${port}/`],
    ['an IPv6 loopback', (port: number) => `http://[::1]:${port}/`],
    ['an IPv4-mapped loopback', (port: number) => `http://[::ffff:127.0.0.1]:${port}/`],
    ['a private address', () => 'http://10.0.0.1/'],
  ])('refuses %s at creation with a 400 naming url', async (_case, url) => {
    const refused = await request(`${beacon.gatewayUrl}/api/webhooks`, {
      method: 'POST',
      json: { url: url(receiver.port), events: ['link.created'] },
      headers: owner,
    });
    expect(refused.status).toBe(400);
    expect(refused.body.fields).toEqual([
      { field: 'url', message: expect.stringContaining('internal address') },
    ]);
  });

  it('refuses it again at delivery: nothing reaches the receiver, and a day of failures disables it', async () => {
    const [{ id: ownerId }] = await beacon.sql<{ id: string }>(
      'SELECT id FROM users ORDER BY id DESC LIMIT 1',
    );
    const sealed = new WebhookSecretBox(TEST_JWT_SECRET).seal('whsec_sql', String(ownerId));
    await beacon.sql(
      'INSERT INTO webhooks (owner_id, url, events, secret_ciphertext) VALUES (?, ?, ?, ?)',
      [ownerId, `http://localhost:${receiver.port}/inside`, 'link.created', sealed],
    );
    await newLink(beacon.gatewayUrl, owner, { url: 'https://example.com/a', slug: 'inside-a' });
    await eventually(async () =>
      expect(await listWebhooks(beacon.gatewayUrl, owner)).toEqual([
        expect.objectContaining({
          status: 'active',
          lastError: expect.stringMatching(/^refused: .*localhost resolves to .*loopback/),
        }),
      ]),
    );

    await beacon.sql('UPDATE webhooks SET failing_since = NOW(3) - INTERVAL 25 HOUR');
    await newLink(beacon.gatewayUrl, owner, { url: 'https://example.com/b', slug: 'inside-b' });
    await eventually(async () =>
      expect(await listWebhooks(beacon.gatewayUrl, owner)).toEqual([
        expect.objectContaining({
          status: 'disabled',
          disabledReason: expect.stringContaining('no successful delivery for more than 24 h'),
        }),
      ]),
    );
    expect(receiver.received).toEqual([]);
    const metrics = await (await fetch(`${beacon.workerUrl}/metrics`)).text();
    expect(metrics).toMatch(/webhook_deliveries_total\{result="refused"\} 2/);
    expect(metrics).toMatch(/webhook_deliveries_total\{result="dead"\} 0/);
    expect(metrics).toContain('webhook_delivery_duration_seconds_count 0');
  });
});
