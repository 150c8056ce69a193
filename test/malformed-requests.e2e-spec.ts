// Requests broken below the router (the request line, headers, framing) and the worker's own
// HTTP errors: each is answered with the API's error body and its request id, as the gateway's
// routes answer, wherever Node lets the app answer at all.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, type AppName } from './support/app-process';
import { startBeacon, type BeaconHarness } from './support/beacon-harness';
import { rawExchange, type RawResponse } from './support/raw-http';

const TOKEN = 'malformed-requests-token';

/** What a client sends that never reaches a route, and the status it must get. */
const MALFORMED: [name: string, payload: string, status: number, message: RegExp][] = [
  ['a request line that is no HTTP', 'GARBAGE\r\n\r\n', 400, /Malformed HTTP request/],
  [
    'an unknown HTTP version',
    'GET /health/live HTTP/9.9\r\nHost: x\r\n\r\n',
    400,
    /Malformed HTTP request/,
  ],
  ['an unknown method', 'FOO /health/live HTTP/1.1\r\nHost: x\r\n\r\n', 400, /Invalid method/],
  [
    'a header name with a space',
    'GET /health/live HTTP/1.1\r\nHost: x\r\nX Bad: 1\r\n\r\n',
    400,
    /Invalid header token/,
  ],
  [
    'a control character in a header',
    'GET /health/live HTTP/1.1\r\nHost: x\r\nX-A: a\u0001b\r\n\r\n',
    400,
    /Malformed HTTP request/,
  ],
  ['bare LF line ends', 'GET /health/live HTTP/1.1\nHost: x\n\n', 400, /Malformed HTTP request/],
  [
    'headers over the limit',
    `GET /health/live HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
    431,
    /larger than the server accepts/,
  ],
  [
    'a URL over the limit',
    `GET /${'a'.repeat(100_000)} HTTP/1.1\r\nHost: x\r\n\r\n`,
    431,
    /larger than the server accepts/,
  ],
  [
    'Content-Length with Transfer-Encoding',
    'POST /auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
    400,
    /Transfer-Encoding can't be present with Content-Length/,
  ],
  [
    'two different Content-Lengths',
    'POST /auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}',
    400,
    /Malformed HTTP request/,
  ],
  [
    'a chunk size that is no number',
    'POST /auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n',
    400,
    /Invalid character in chunk size/,
  ],
  [
    'HTTP/1.1 without Host',
    'GET /health/live HTTP/1.1\r\nConnection: close\r\n\r\n',
    400,
    /Missing Host header/,
  ],
  [
    'a malformed escape in the URL',
    'GET /api/links/%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
    400,
    /not a valid url component/,
  ],
];

function expectErrorBody(response: RawResponse, status: number, message: RegExp): void {
  const context = `${response.status} ${JSON.stringify(response.headers)} ${response.body}`;
  expect(response.status, context).toBe(status);
  expect(response.headers['content-type'], context).toMatch(/^application\/json/);
  const body = JSON.parse(response.body) as Record<string, unknown>;
  expect(Object.keys(body).sort(), context).toEqual([
    'error',
    'message',
    'requestId',
    'statusCode',
  ]);
  expect(body, context).toMatchObject({
    statusCode: status,
    message: expect.stringMatching(message),
  });
  expect(body.requestId, context).toMatch(/^[\w-]{8,}$/);
  expect(response.headers['x-request-id'], context).toBe(body.requestId);
}

describe("malformed requests and the worker's errors: the API's error body", () => {
  let beacon: BeaconHarness;
  let url: Record<AppName | 'gatewayMetrics', string>;
  beforeAll(async () => {
    const metricsPort = await freePort();
    beacon = await startBeacon({
      worker: true,
      env: { METRICS_AUTH_TOKEN: TOKEN },
      // The worker keeps /metrics on its main port (and its token guard's 401).
      appEnv: { gateway: { METRICS_PORT: String(metricsPort) } },
    });
    url = {
      gateway: beacon.gatewayUrl,
      worker: beacon.workerUrl,
      gatewayMetrics: `http://127.0.0.1:${metricsPort}`,
    };
  });
  afterAll(() => beacon?.stop());

  it.each(
    (['gateway', 'worker'] as const).flatMap((app) =>
      MALFORMED.map(
        ([name, payload, status, message]) => [app, name, payload, status, message] as const,
      ),
    ),
  )('%s answers %s with its error body', async (app, _name, payload, status, message) => {
    expectErrorBody(await rawExchange(url[app], payload), status, message);
    expect((await fetch(`${url[app]}/health/live`)).status).toBe(200);
  });

  it('answers malformed requests on the metrics port with the error body too', async () => {
    expectErrorBody(await rawExchange(url.gatewayMetrics, 'GARBAGE\r\n\r\n'), 400, /Malformed/);
  });

  it('still serves HTTP/1.0 without Host', async () => {
    const response = await rawExchange(url.gateway, 'GET /health/live HTTP/1.0\r\n\r\n');
    expect(response.status).toBe(200);
  });

  it.each([
    ['an unknown path', '/nope', {}, 404],
    ['an unknown path under /health', '/health/nope', {}, 404],
    ['/metrics without its token', '/metrics', {}, 401],
    ['/metrics with a wrong token', '/metrics', { authorization: 'Bearer wrong' }, 401],
    ['POST on a probe', '/health/live', { method: 'POST' }, 404],
  ] as const)("the worker answers %s in the gateway's shape", async (_name, path, init, status) => {
    const { method = 'GET', ...headers } = init as { method?: string } & Record<string, string>;
    const response = await fetch(`${url.worker}${path}`, { method, headers });
    expect(response.status).toBe(status);
    const body = (await response.json()) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(['error', 'message', 'requestId', 'statusCode']);
    expect(body).toMatchObject({
      statusCode: status,
      requestId: response.headers.get('x-request-id'),
    });
  });
});
