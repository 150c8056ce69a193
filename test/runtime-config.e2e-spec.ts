import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp } from './support/accounts';
import type { AppName } from './support/app-process';
import { startBeacon, type BeaconHarness } from './support/beacon-harness';
import { eventually } from './support/eventually';
import { createLink } from './support/links';
import { parseMetrics, samplesOf, valueOf } from './support/metrics-text';

const OLD_TOKEN = 'runtime-config-old-metrics-token';
const NEW_TOKEN = 'runtime-config-new-metrics-token';
const APPS: AppName[] = ['gateway', 'worker'];
/** The bound: a changed file is in force within 2 s (the apps read it every second). */
const WITHIN_2_S = { timeoutMs: 2_000, intervalMs: 50 };

describe('runtime settings from RUNTIME_CONFIG_FILE, without a restart', () => {
  let beacon: BeaconHarness;
  let directory: string;
  let file: string;
  let url: Record<AppName, string>;

  const scrapeStatus = (app: AppName, token: string) =>
    fetch(`${url[app]}/metrics`, { headers: { 'x-metrics-token': token } }).then(
      (response) => response.status,
    );
  const metricsOf = async (app: AppName, token: string) => {
    const response = await fetch(`${url[app]}/metrics`, { headers: { 'x-metrics-token': token } });
    expect(response.status).toBe(200);
    return parseMetrics(await response.text());
  };
  const reloads = async (app: AppName, token: string, result: 'success' | 'failure') =>
    valueOf(await metricsOf(app, token), 'config_reloads_total', { result });
  const hashOf = async (app: AppName, token: string) =>
    samplesOf(await metricsOf(app, token), 'config_info')[0]?.labels.hash;
  const linesAfter = (app: AppName, start: number) => beacon.output[app].slice(start);

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'beacon-runtime-config-'));
    file = join(directory, 'runtime.yaml');
    writeFileSync(file, `METRICS_AUTH_TOKEN: ${OLD_TOKEN}\n`);
    beacon = await startBeacon({
      worker: true,
      processes: {},
      env: { RUNTIME_CONFIG_FILE: file, LOG_LEVEL: 'warn' },
    });
    url = { gateway: beacon.gatewayUrl, worker: beacon.workerUrl };
  });

  afterAll(async () => {
    await beacon?.stop();
    rmSync(directory, { recursive: true, force: true });
  });

  it('rotates the metrics token: the new one is accepted, then the old one refused', async () => {
    const hashes = { gateway: await hashOf('gateway', OLD_TOKEN) };
    for (const app of APPS) expect(await scrapeStatus(app, NEW_TOKEN), app).toBe(401);

    writeFileSync(file, `METRICS_AUTH_TOKEN: [${OLD_TOKEN}, ${NEW_TOKEN}]\n`);
    await eventually(async () => {
      for (const app of APPS) expect(await scrapeStatus(app, NEW_TOKEN), app).toBe(200);
    }, WITHIN_2_S);
    for (const app of APPS) expect(await scrapeStatus(app, OLD_TOKEN), app).toBe(200);

    writeFileSync(file, `METRICS_AUTH_TOKEN: ${NEW_TOKEN}\n`);
    await eventually(async () => {
      for (const app of APPS) expect(await scrapeStatus(app, OLD_TOKEN), app).toBe(401);
    }, WITHIN_2_S);
    for (const app of APPS) {
      expect(await scrapeStatus(app, NEW_TOKEN), app).toBe(200);
      // At start, then the two changes.
      expect(await reloads(app, NEW_TOKEN, 'success'), app).toBe(3);
    }
    expect(await hashOf('gateway', NEW_TOKEN)).not.toBe(hashes.gateway);
  });

  it('reloads on SIGHUP, with the file unchanged', async () => {
    for (const app of APPS) {
      const before = await reloads(app, NEW_TOKEN, 'success');
      beacon.signal(app, 'SIGHUP');
      await eventually(async () => {
        expect(await reloads(app, NEW_TOKEN, 'success'), app).toBe(before + 1);
      });
      expect((await fetch(`${url[app]}/health/live`)).status, app).toBe(200);
    }
  });

  it('applies a changed log level to the next lines', async () => {
    const quiet = beacon.output.gateway.length;
    await fetch(`${url.gateway}/no-such-link-while-quiet`);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(linesAfter('gateway', quiet).join('\n')).not.toContain('no-such-link-while-quiet');

    writeFileSync(file, `METRICS_AUTH_TOKEN: ${NEW_TOKEN}\nLOG_LEVEL: info\n`);
    await eventually(async () => {
      const start = beacon.output.gateway.length;
      await fetch(`${url.gateway}/no-such-link-while-chatty`);
      await new Promise((resolve) => setTimeout(resolve, 100));
      const line = linesAfter('gateway', start).find((text) => text.includes('"statusCode":404'));
      expect(line, 'a request line at info').toBeDefined();
      expect(JSON.parse(line!)).toMatchObject({ level: 'info', msg: 'request completed' });
    }, WITHIN_2_S);
  });

  it('changes nothing on an invalid value or a key that needs a restart, and counts a failure', async () => {
    const failures = await reloads('gateway', NEW_TOKEN, 'failure');
    const hash = await hashOf('gateway', NEW_TOKEN);
    const start = beacon.output.gateway.length;

    writeFileSync(file, `METRICS_AUTH_TOKEN: ${OLD_TOKEN}\nRATE_LIMIT_MAX: -5\n`);
    await eventually(async () => {
      expect(await reloads('gateway', NEW_TOKEN, 'failure')).toBe(failures + 1);
    }, WITHIN_2_S);
    const errors = () =>
      linesAfter('gateway', start).filter((line) => line.includes('runtime settings not applied'));
    expect(errors()).toHaveLength(1);
    expect(errors()[0]).toContain('RATE_LIMIT_MAX');
    expect(errors()[0]).not.toContain(OLD_TOKEN);

    writeFileSync(file, `METRICS_AUTH_TOKEN: ${OLD_TOKEN}\nDB_HOST: elsewhere\n`);
    await eventually(async () => {
      expect(await reloads('gateway', NEW_TOKEN, 'failure')).toBe(failures + 2);
    }, WITHIN_2_S);
    expect(errors()[1]).toContain('DB_HOST: not reloadable');

    // Nothing changed: the token in force is still the new one, and the alert's signal is up.
    expect(await scrapeStatus('gateway', OLD_TOKEN)).toBe(401);
    const metrics = await metricsOf('gateway', NEW_TOKEN);
    expect(samplesOf(metrics, 'config_info')[0].labels.hash).toBe(hash);
    expect(valueOf(metrics, 'config_last_reload_successful')).toBe(0);

    writeFileSync(file, `METRICS_AUTH_TOKEN: ${NEW_TOKEN}\n`);
    await eventually(async () => {
      expect(valueOf(await metricsOf('gateway', NEW_TOKEN), 'config_last_reload_successful')).toBe(
        1,
      );
    }, WITHIN_2_S);
  });

  it('applies a changed rate limit within 2 s while redirects keep flowing, none failing', async () => {
    await createLink(url.gateway, await signUp(url.gateway), 'reload-under-load');
    const statuses = new Map<number, number>();
    let running = true;
    const redirectLoad = async () => {
      while (running) {
        const response = await fetch(`${url.gateway}/reload-under-load`, { redirect: 'manual' });
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      }
    };
    const load = Promise.all([redirectLoad(), redirectLoad(), redirectLoad(), redirectLoad()]);
    // Requests that match no route count in the api class, whose limit the file changes.
    const probe = () => fetch(`${url.gateway}/no/such/route`).then(({ status }) => status);
    try {
      expect(await probe()).toBe(404);
      writeFileSync(
        file,
        `METRICS_AUTH_TOKEN: ${NEW_TOKEN}\nRATE_LIMIT_WINDOW_MS: 3600000\nRATE_LIMIT_MAX: 1\nRATE_LIMIT_BURST: 2\n`,
      );
      await eventually(async () => expect(await probe()).toBe(429), WITHIN_2_S);

      writeFileSync(file, `METRICS_AUTH_TOKEN: ${NEW_TOKEN}\n`);
      beacon.signal('gateway', 'SIGHUP');
      await eventually(async () => expect(await probe()).toBe(404), WITHIN_2_S);
    } finally {
      running = false;
      await load;
    }
    expect([...statuses.keys()], 'every redirect answered 302').toEqual([302]);
    expect(statuses.get(302)).toBeGreaterThan(100);
  });

  it('switches the demo AI fault on and off in the worker', async () => {
    const owner = await signUp(url.gateway);
    const classified = (result: string) =>
      metricsOf('worker', NEW_TOKEN).then((samples) =>
        valueOf(samples, 'ai_requests_total', { result }),
      );
    const errors = await classified('error');
    const applied = await reloads('worker', NEW_TOKEN, 'success');
    writeFileSync(file, `METRICS_AUTH_TOKEN: ${NEW_TOKEN}\nDEMO_AI_FAILURE: true\n`);
    await eventually(async () =>
      expect(await reloads('worker', NEW_TOKEN, 'success')).toBe(applied + 1),
    );
    await createLink(url.gateway, owner, 'demo-fault-on');
    await eventually(async () => expect(await classified('error')).toBe(errors + 1));

    const fallbacks = await classified('fallback');
    writeFileSync(file, `METRICS_AUTH_TOKEN: ${NEW_TOKEN}\n`);
    await eventually(async () =>
      expect(await reloads('worker', NEW_TOKEN, 'success')).toBe(applied + 2),
    );
    await createLink(url.gateway, owner, 'demo-fault-off');
    await eventually(async () => expect(await classified('fallback')).toBe(fallbacks + 1));
    expect(await classified('error')).toBe(errors + 1);
  });
});
