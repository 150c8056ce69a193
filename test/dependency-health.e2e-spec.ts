import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBeacon, type BeaconHarness } from './support/beacon-harness';
import { eventually } from './support/eventually';
import { FakeAiProvider } from './support/fake-ai-provider';
import { request } from './support/http-client';
import { parseMetrics, samplesOf } from './support/metrics-text';
import { proxiedBroker } from './support/proxied-broker';
import { TcpProxy } from './support/tcp-proxy';

/** Short checks, so that each threshold spans several polls of the test. */
const CHECKS = {
  HEALTH_CHECK_INTERVAL_MS: '200',
  HEALTH_CHECK_TIMEOUT_MS: '150',
  HEALTH_UNHEALTHY_THRESHOLD: '3',
  HEALTH_HEALTHY_THRESHOLD: '3',
};

interface DependencyEntry {
  status: 'up' | 'down';
  required: boolean;
  message?: string;
}

/** One look at an app: its readiness, what it says of the dependency, and `dependency_up`. */
interface Look {
  ready: number;
  entry: DependencyEntry;
  /** `dependency_up{dependency}`, undefined when the series does not exist. */
  up: number | undefined;
}

async function look(appUrl: string, dependency: string): Promise<Look> {
  const ready = await request(`${appUrl}/health/ready`);
  const metrics = parseMetrics(await (await fetch(`${appUrl}/metrics`)).text());
  const [gauge] = samplesOf(metrics, 'dependency_up', { dependency });
  return { ready: ready.status, entry: ready.body.details[dependency], up: gauge?.value };
}

/** Looks at the app until `until` holds (or 20 s pass); every look, in order. */
async function watch(appUrl: string, dependency: string, until: (look: Look) => boolean) {
  const looks: Look[] = [];
  await eventually(
    async () => {
      looks.push(await look(appUrl, dependency));
      expect(until(looks.at(-1)!), JSON.stringify(looks.at(-1))).toBe(true);
    },
    { timeoutMs: 20_000, intervalMs: 20 },
  );
  return looks;
}

const isDown = (look: Look) => look.ready === 503 && look.up === 0;
const isUp = (look: Look) => look.ready === 200 && look.up === 1;
/** A check failed, and the dependency still counts as up: below the unhealthy threshold. */
const failingButUp = (look: Look) =>
  look.ready === 200 && look.entry.status === 'up' && look.entry.message !== undefined;
/** The last check passed, and it still counts as down: below the healthy threshold. */
const passingButDown = (look: Look) =>
  look.ready === 503 && look.entry.status === 'down' && look.entry.message === undefined;

/** The gateway reaches MariaDB, RabbitMQ and Redis only through proxies the test cuts and restores. */
describe("readiness from the gateway's dependency checks", () => {
  let database: TcpProxy;
  let broker: TcpProxy;
  let redis: TcpProxy;
  let beacon: BeaconHarness;

  beforeAll(async () => {
    database = await TcpProxy.start(
      process.env.DB_HOST || '127.0.0.1',
      Number(process.env.DB_PORT || 3306),
    );
    const proxied = await proxiedBroker();
    broker = proxied.proxy;
    const redisUrl = new URL(process.env.REDIS_URL || 'redis://127.0.0.1:6379');
    redis = await TcpProxy.start(redisUrl.hostname, Number(redisUrl.port || 6379));
    redisUrl.hostname = '127.0.0.1';
    redisUrl.port = String(redis.port);
    beacon = await startBeacon({
      env: {
        ...CHECKS,
        DB_HOST: '127.0.0.1',
        DB_PORT: String(database.port),
        AMQP_URL: proxied.url,
        REDIS_URL: redisUrl.toString(),
        SHUTDOWN_TIMEOUT_MS: '2000',
      },
    });
  });
  afterAll(async () => {
    for (const proxy of [database, broker, redis]) proxy?.restore();
    await beacon?.stop();
    for (const proxy of [database, broker, redis]) await proxy?.close();
  });

  it('is ready from the start, with every dependency up', async () => {
    for (const [dependency, required] of [
      ['mysql', true],
      ['rabbitmq', true],
      ['redis', false],
    ] as const) {
      const first = await look(beacon.gatewayUrl, dependency);
      expect(first).toEqual({
        ready: 200,
        entry: expect.objectContaining({ status: 'up', required }),
        up: 1,
      });
    }
  });

  it.each([
    ['mysql', () => database],
    ['rabbitmq', () => broker],
  ])(
    'turns %s down only after the unhealthy threshold, and up after the healthy one',
    async (dependency, proxy) => {
      proxy().cut();
      const goingDown = await watch(beacon.gatewayUrl, dependency, isDown);
      expect(goingDown.some(failingButUp), 'failed checks below the threshold left it up').toBe(
        true,
      );
      expect(goingDown.at(-1)!.entry).toMatchObject({ status: 'down', required: true });
      const ready = await request(`${beacon.gatewayUrl}/health/ready`);
      expect(ready.body.status).toBe('error');
      expect(ready.body.error).toHaveProperty(dependency);

      proxy().restore();
      const comingBack = await watch(beacon.gatewayUrl, dependency, isUp);
      expect(
        comingBack.some(passingButDown),
        'passed checks below the threshold left it down',
      ).toBe(true);
      expect(comingBack.at(-1)!.entry).toEqual(
        expect.objectContaining({ status: 'up', required: true }),
      );
    },
    60_000,
  );

  it('reports Redis down, and stays ready: rate limits and caches fail open without it', async () => {
    redis.cut();
    const looks = await watch(
      beacon.gatewayUrl,
      'redis',
      (look) => look.up === 0 && look.entry.status === 'down',
    );
    expect(looks.every((look) => look.ready === 200)).toBe(true);
    expect(looks.at(-1)!.entry.required).toBe(false);

    redis.restore();
    await watch(beacon.gatewayUrl, 'redis', isUp);
  });
});

describe("readiness from the worker's dependency checks", () => {
  let provider: FakeAiProvider;
  let beacon: BeaconHarness;

  beforeAll(async () => {
    provider = await FakeAiProvider.start();
    beacon = await startBeacon({
      worker: true,
      gateway: false,
      env: { ...CHECKS, AI_PROVIDER_URL: provider.url },
    });
  });
  afterAll(async () => {
    await beacon?.stop();
    await provider?.close();
  });

  it("reports the worker's AI provider down, and stays ready", async () => {
    expect(await look(beacon.workerUrl, 'ai-provider')).toEqual({
      ready: 200,
      entry: expect.objectContaining({ status: 'up', required: false }),
      up: 1,
    });
    expect(provider.modelListings, 'checked through GET /v1/models').toBeGreaterThan(0);

    await provider.close();
    const looks = await watch(
      beacon.workerUrl,
      'ai-provider',
      (look) => look.up === 0 && look.entry.status === 'down',
    );
    expect(looks.every((look) => look.ready === 200)).toBe(true);
    const ready = await request(`${beacon.workerUrl}/health/ready`);
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({
      status: 'ok',
      info: { mysql: { status: 'up' }, rabbitmq: { status: 'up' } },
      error: { 'ai-provider': { status: 'down', required: false } },
    });
  });
});
