import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp } from './support/accounts';
import { startBeacon, type BeaconHarness } from './support/beacon-harness';
import { eventually } from './support/eventually';

describe('/metrics behind a token', () => {
  let beacon: BeaconHarness;
  beforeAll(async () => {
    beacon = await startBeacon({
      worker: true,
      env: { METRICS_AUTH_TOKEN: 'old-token,new-token' },
    });
  });
  afterAll(() => beacon?.stop());

  const scrape = (base: string, headers: Record<string, string> = {}) =>
    fetch(`${base}/metrics`, { headers });

  it('answers 401 without a token, or with a wrong one, on both apps', async () => {
    for (const base of [beacon.gatewayUrl, beacon.workerUrl]) {
      expect((await scrape(base)).status).toBe(401);
      const wrong = await scrape(base, { authorization: 'Bearer not-it' });
      expect(wrong.status).toBe(401);
      expect(await wrong.text()).not.toContain('token');
    }
  });

  it('serves OpenMetrics text with either header and either token of a rotation', async () => {
    await fetch(`${beacon.gatewayUrl}/api/links`, {
      method: 'POST',
      headers: { ...(await signUp(beacon.gatewayUrl)), 'content-type': 'application/json' },
      body: JSON.stringify({ url: 'https://example.com/metrics' }),
    });
    for (const base of [beacon.gatewayUrl, beacon.workerUrl]) {
      const byHeader = await scrape(base, { 'x-metrics-token': 'old-token' });
      expect(byHeader.status).toBe(200);
      expect(byHeader.headers.get('content-type')).toContain('application/openmetrics-text');
      const body = await byHeader.text();
      expect(body).toContain('process_cpu_user_seconds_total');
      expect(body).toContain('nodejs_eventloop_lag_seconds');
      expect(body.endsWith('# EOF\n')).toBe(true);
      const byBearer = await scrape(base, { authorization: 'Bearer new-token' });
      expect(byBearer.status).toBe(200);
    }
    await eventually(async () => {
      const gateway = await scrape(beacon.gatewayUrl, { 'x-metrics-token': 'new-token' });
      expect(await gateway.text()).toMatch(
        /events_published_total\{type="link.created",result="confirmed"\} 1/,
      );
    });
  });
});

describe('/metrics switched off', () => {
  let beacon: BeaconHarness;
  beforeAll(async () => {
    beacon = await startBeacon({ worker: true, env: { METRICS_ENABLED: 'false' } });
  });
  afterAll(() => beacon?.stop());

  it('does not exist on either app', async () => {
    expect((await fetch(`${beacon.gatewayUrl}/metrics`)).status).toBe(404);
    expect((await fetch(`${beacon.workerUrl}/metrics`)).status).toBe(404);
  });
});
