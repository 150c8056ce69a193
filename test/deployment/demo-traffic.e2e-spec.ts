import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBeacon, type BeaconHarness } from '../support/beacon-harness';
import { runDatabaseTool } from '../support/command-line-tool';
import { eventually } from '../support/eventually';
import { parseMetrics, valueOf } from '../support/metrics-text';
import { ROOT } from './deployment-files';

/** The compose `demo` profile's generator (scripts/demo-traffic.mjs) against a real gateway. */
describe('the demo traffic generator', () => {
  let beacon: BeaconHarness;
  beforeAll(async () => {
    beacon = await startBeacon();
    const seeded = runDatabaseTool(beacon.config.database, 'catalog/seed.main.js', [
      '--products',
      '30',
    ]);
    expect(seeded.status, seeded.output).toBe(0);
  });
  afterAll(() => beacon?.stop());

  it('moves links, redirects, unknown slugs and product reads within seconds', async () => {
    const generator = spawn(process.execPath, [join(ROOT, 'scripts/demo-traffic.mjs')], {
      env: {
        PATH: process.env.PATH,
        BEACON_URL: beacon.gatewayUrl,
        DEMO_REQUESTS_PER_SECOND: '40',
      },
      stdio: 'ignore',
    });
    try {
      await eventually(
        async () => {
          const metrics = parseMetrics(await (await fetch(`${beacon.gatewayUrl}/metrics`)).text());
          const count = (name: string, labels: Record<string, string> = {}) =>
            valueOf(metrics, name, labels);
          expect(count('links_created_total')).toBeGreaterThanOrEqual(10);
          expect(count('link_redirects_total', { result: 'found' })).toBeGreaterThan(0);
          expect(count('link_redirects_total', { result: 'not_found' })).toBeGreaterThan(0);
          expect(count('http_requests_total', { route: '/api/products/:id' })).toBeGreaterThan(0);
          expect(count('http_requests_total', { route: '/api/products' })).toBeGreaterThan(0);
        },
        { timeoutMs: 20_000, intervalMs: 500 },
      );
    } finally {
      generator.kill();
    }
  }, 30_000);
});
