import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import pino from 'pino';
import { register } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { HTTP_REQUESTS } from './metric-catalog';
import { metricsPortHandler } from './metrics-port.handler';

/** A metrics port on loopback, its request lines kept as parsed JSON. */
async function startMetricsPort(authTokens: string[]) {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk, _encoding, callback) {
      lines.push(JSON.parse(String(chunk)));
      callback();
    },
  });
  const server = createServer(metricsPortHandler(() => authTokens, pino({ level: 'info' }, sink)));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { server, url, lines };
}

const requestsOf = async (labels: Record<string, string>) => {
  const { values } = await register.getSingleMetric(HTTP_REQUESTS.name)!.get();
  const match = values.find((value) =>
    Object.entries(labels).every(([key, wanted]) => value.labels[key] === wanted),
  );
  return match?.value ?? 0;
};

describe('metricsPortHandler', () => {
  let server: Server;
  let url: string;
  let lines: Record<string, unknown>[];
  beforeAll(async () => ({ server, url, lines } = await startMetricsPort(['old', 'new'])));
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('serves the registry as the main port does, to either header and token', async () => {
    const scrape = await fetch(`${url}/metrics?ignored=1`, {
      headers: { 'x-metrics-token': 'old' },
    });
    expect(scrape.status).toBe(200);
    expect(scrape.headers.get('content-type')).toBe(register.contentType);
    expect(await scrape.text()).toMatch(/# EOF\n$/);
    const bearer = await fetch(`${url}/metrics`, { headers: { authorization: 'Bearer new' } });
    expect(bearer.status).toBe(200);
  });

  it('answers HEAD like GET, without the body', async () => {
    const head = await fetch(`${url}/metrics`, {
      method: 'HEAD',
      headers: { 'x-metrics-token': 'new' },
    });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-type')).toBe(register.contentType);
    expect(await head.text()).toBe('');
  });

  it('refuses a missing or wrong token with 401 in the apps error shape, and logs it', async () => {
    const requestId = 'scrape-0123456789';
    for (const headers of [{}, { authorization: 'Bearer wrong' }]) {
      const refused = await fetch(`${url}/metrics`, {
        headers: { ...headers, 'x-request-id': requestId },
      });
      expect(refused.status).toBe(401);
      expect(refused.headers.get('x-request-id')).toBe(requestId);
      expect(await refused.json()).toEqual({
        statusCode: 401,
        error: 'Unauthorized',
        message: 'Unauthorized',
        requestId,
      });
    }
    expect(lines).toContainEqual(
      expect.objectContaining({
        level: 30,
        msg: 'request completed',
        requestId,
        method: 'GET',
        route: '/metrics',
        statusCode: 401,
      }),
    );
  });

  it('has nothing else: other paths and methods are 404, token or not', async () => {
    const headers = { 'x-metrics-token': 'old' };
    for (const path of ['/', '/metrics/', '/health/live', '/metrics/../health/ready']) {
      expect((await fetch(`${url}${path}`, { headers })).status, path).toBe(404);
    }
    for (const method of ['POST', 'PUT', 'DELETE', 'OPTIONS']) {
      expect((await fetch(`${url}/metrics`, { method, headers })).status, method).toBe(404);
    }
  });

  it('counts its responses with the main port labels: /metrics, or unmatched', async () => {
    const refused = { method: 'GET', route: '/metrics', status_code: '401' };
    const unmatched = { method: 'POST', route: 'unmatched', status_code: '404' };
    const before = { refused: await requestsOf(refused), unmatched: await requestsOf(unmatched) };
    await fetch(`${url}/metrics`);
    await fetch(`${url}/metrics`, { method: 'POST' });
    // Recorded once each response has been handed to the socket, which may follow its arrival.
    await vi.waitFor(async () => {
      expect(await requestsOf(refused)).toBe(before.refused + 1);
      expect(await requestsOf(unmatched)).toBe(before.unmatched + 1);
    });
  });

  it('lets every scrape in when no token is configured', async () => {
    const open = await startMetricsPort([]);
    try {
      expect((await fetch(`${open.url}/metrics`)).status).toBe(200);
    } finally {
      await new Promise((resolve) => open.server.close(resolve));
    }
  });
});
