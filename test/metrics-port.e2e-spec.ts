import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, type AppName } from './support/app-process';
import { startBeacon, type BeaconHarness, type HarnessOptions } from './support/beacon-harness';
import { eventually } from './support/eventually';
import { request } from './support/http-client';
import { parseMetrics, valueOf } from './support/metrics-text';

const TOKEN = 'metrics-port-token';
const APPS: AppName[] = ['gateway', 'worker'];

/** Each app on its own METRICS_PORT (in one process, as the harness runs them by default). */
async function startWithMetricsPorts(
  options: Pick<HarnessOptions, 'processes'> = {},
): Promise<{ beacon: BeaconHarness; metricsUrl: Record<AppName, string> }> {
  const ports = { gateway: await freePort(), worker: await freePort() };
  const beacon = await startBeacon({
    worker: true,
    env: { METRICS_AUTH_TOKEN: TOKEN },
    appEnv: {
      gateway: { METRICS_PORT: String(ports.gateway) },
      worker: { METRICS_PORT: String(ports.worker) },
    },
    ...options,
  });
  const metricsUrl = {
    gateway: `http://127.0.0.1:${ports.gateway}`,
    worker: `http://127.0.0.1:${ports.worker}`,
  };
  return { beacon, metricsUrl };
}

/**
 * An error body with its request id left out and the requested path's name written as `<path>`
 * (the gateway's unknown one-segment paths are slugs that name no link).
 */
const errorShape = (body: Record<string, unknown>, name: string) =>
  JSON.parse(JSON.stringify({ ...body, requestId: undefined }).replaceAll(name, '<path>'));

describe('/metrics on METRICS_PORT', () => {
  let beacon: BeaconHarness;
  let metricsUrl: Record<AppName, string>;
  let appUrl: Record<AppName, string>;
  beforeAll(async () => {
    ({ beacon, metricsUrl } = await startWithMetricsPorts());
    appUrl = { gateway: beacon.gatewayUrl, worker: beacon.workerUrl };
  });
  afterAll(() => beacon?.stop());

  it('serves OpenMetrics there with either header, and 401 without a token', async () => {
    for (const app of APPS) {
      const scrape = (headers: Record<string, string> = {}) =>
        fetch(`${metricsUrl[app]}/metrics`, { headers });
      const anonymous = await scrape();
      expect(anonymous.status, app).toBe(401);
      expect(await anonymous.json()).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
      const wrong = await scrape({ authorization: 'Bearer not-it' });
      expect(wrong.status, app).toBe(401);
      expect(await wrong.text()).not.toContain('token');

      const byHeader = await scrape({ 'x-metrics-token': TOKEN });
      expect(byHeader.status, app).toBe(200);
      expect(byHeader.headers.get('content-type')).toContain('application/openmetrics-text');
      const body = await byHeader.text();
      expect(body).toContain('process_cpu_user_seconds_total');
      expect(body.endsWith('# EOF\n')).toBe(true);
      expect((await scrape({ authorization: `Bearer ${TOKEN}` })).status, app).toBe(200);
    }
  });

  it('answers 404 to anything but GET /metrics on the metrics port', async () => {
    const headers = { 'x-metrics-token': TOKEN };
    for (const app of APPS) {
      for (const path of ['/', '/health/live', '/metrics/', '/api/links']) {
        expect((await fetch(`${metricsUrl[app]}${path}`, { headers })).status, path).toBe(404);
      }
      const posted = await fetch(`${metricsUrl[app]}/metrics`, { method: 'POST', headers });
      expect(posted.status, app).toBe(404);
    }
  });

  it('has no /metrics on the main port: the 404 of any unknown route, token or not', async () => {
    for (const app of APPS) {
      const unknown = await request(`${appUrl[app]}/no-such-route`);
      expect(unknown.status, app).toBe(404);
      for (const headers of [{}, { 'x-metrics-token': TOKEN }]) {
        const metrics = await request(`${appUrl[app]}/metrics`, { headers });
        expect(metrics.status, app).toBe(404);
        expect(errorShape(metrics.body, 'metrics')).toEqual(
          errorShape(unknown.body, 'no-such-route'),
        );
      }
      expect((await fetch(`${appUrl[app]}/health/live`)).status, app).toBe(200);
    }
  });

  it('counts its scrapes under route /metrics, refused ones included', async () => {
    await fetch(`${metricsUrl.gateway}/metrics`);
    await eventually(async () => {
      const scrape = await fetch(`${metricsUrl.gateway}/metrics`, {
        headers: { 'x-metrics-token': TOKEN },
      });
      const samples = parseMetrics(await scrape.text());
      const refused = { method: 'GET', route: '/metrics', status_code: '401' };
      expect(valueOf(samples, 'http_requests_total', refused)).toBeGreaterThanOrEqual(1);
      const served = { method: 'GET', route: '/metrics', status_code: '200' };
      expect(valueOf(samples, 'http_requests_total', served)).toBeGreaterThanOrEqual(1);
    });
  });
});

describe('METRICS_PORT when the app stops', () => {
  it('closes with the app', async () => {
    const { beacon, metricsUrl } = await startWithMetricsPorts();
    // A kept-alive connection to each port, which closing must not wait for.
    for (const app of APPS) expect((await fetch(`${metricsUrl[app]}/metrics`)).status).toBe(401);
    await beacon.stop();
    for (const app of APPS) {
      await expect(fetch(`${metricsUrl[app]}/metrics`), app).rejects.toThrow();
    }
  });

  it('lets the built app finish its graceful shutdown and exit 0 on SIGTERM', async () => {
    const processes = await startWithMetricsPorts({ processes: {} });
    try {
      const scrape = () =>
        fetch(`${processes.metricsUrl.gateway}/metrics`, { headers: { 'x-metrics-token': TOKEN } });
      expect((await scrape()).status).toBe(200);
      expect((await fetch(`${processes.beacon.gatewayUrl}/metrics`)).status).toBe(404);
      expect(await processes.beacon.signalStop('gateway')).toBe(0);
      await expect(scrape()).rejects.toThrow();
    } finally {
      await processes.beacon.stop();
    }
  });
});
