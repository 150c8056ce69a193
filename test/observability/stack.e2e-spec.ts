import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp, type BearerHeader } from '../support/accounts';
import { AmqpTestClient } from '../support/amqp-test-client';
import { freePort } from '../support/app-process';
import { startBeacon, type BeaconHarness } from '../support/beacon-harness';
import { eventually } from '../support/eventually';
import { OtlpReceiver } from '../support/otlp-receiver';
import { loadDashboards, promqlExpressionsOf } from './dashboard-files';
import { AlertWebhook, check, ObservabilityStack, RULES_DIR } from './observability-stack';
import { ensureRabbitPrometheus } from '../../scripts/rabbitmq-prometheus.mts';

const METRICS_TOKEN = 'stack-test-metrics-token';

const RULES_TESTS_DIR = join(RULES_DIR, 'tests');

const SCRAPE_JOBS = [
  'gateway',
  'worker',
  'rabbitmq',
  'rabbitmq-queues',
  'prometheus',
  'alertmanager',
  'tempo',
];

/**
 * The project's Prometheus and Alertmanager configuration on real servers, scraping the real
 * gateway and worker (own processes, traced) and RabbitMQ's Prometheus plugin.
 */
describe('observability stack on real Prometheus and Alertmanager', () => {
  let beacon: BeaconHarness;
  let spans: OtlpReceiver;
  let webhook: AlertWebhook;
  let stack: ObservabilityStack;
  let traffic: NodeJS.Timeout;

  beforeAll(async () => {
    spans = await OtlpReceiver.start();
    webhook = await AlertWebhook.start();
    beacon = await startBeacon({
      worker: true,
      processes: { traced: true },
      env: {
        METRICS_AUTH_TOKEN: `old-token,${METRICS_TOKEN}`,
        OTEL_EXPORTER_OTLP_ENDPOINT: spans.url,
        OTEL_TRACES_SAMPLER: 'always_on',
      },
    });
    const rabbitmq = `${new URL(beacon.config.rabbitmq.urls[0]).hostname}:15692`;
    // On a broker without its Prometheus plugin: enabled now, or one line saying how.
    await ensureRabbitPrometheus({ metricsUrl: `http://${rabbitmq}/metrics` });
    stack = await ObservabilityStack.start({
      gateway: new URL(beacon.gatewayUrl).host,
      workerPort: Number(new URL(beacon.workerUrl).port),
      rabbitmq,
      // Tempo has no Debian package: its target points at a closed port and is expected down.
      tempo: `127.0.0.1:${await freePort()}`,
      alertWebhookUrl: webhook.url,
      metricsToken: METRICS_TOKEN,
    });
    await sendPoisonEvent(beacon);
    traffic = startTraffic(beacon.gatewayUrl, await signUp(beacon.gatewayUrl));
  });
  afterAll(async () => {
    clearInterval(traffic);
    await stack?.stop();
    await beacon?.stop();
    await webhook?.close();
    await spans?.close();
  });

  it('passes promtool check config, check rules, test rules and amtool check-config', async () => {
    expect(await check('promtool', ['check', 'config', stack.prometheusConfig])).toContain(
      'SUCCESS',
    );
    // Every file Prometheus loads (rule_files globs *.rules.yml), each loaded by a test file.
    const rules = filesIn(RULES_DIR, '.rules.yml');
    const tests = filesIn(RULES_TESTS_DIR, '.test.yml');
    expect(rules.map((file) => basename(file))).toEqual(
      expect.arrayContaining([
        'beacon-recording.rules.yml',
        'beacon-alerts.rules.yml',
        'beacon-slo-availability.rules.yml',
        'beacon-slo-latency.rules.yml',
      ]),
    );
    expect(new Set(tests.flatMap(ruleFilesOf))).toEqual(new Set(rules));
    expect(await check('promtool', ['check', 'rules', ...rules])).toContain('SUCCESS');
    expect(await check('promtool', ['test', 'rules', ...tests])).toContain('SUCCESS');
    expect(await check('amtool', ['check-config', stack.alertmanagerConfig])).toContain('SUCCESS');
  });

  it('scrapes every target, the apps with the token from the credentials file', async () => {
    await eventually(
      async () => {
        const targets = await stack.targets();
        expect(new Set(targets.map((target) => target.job))).toEqual(new Set(SCRAPE_JOBS));
        const down = targets.filter((target) => target.job !== 'tempo' && target.health !== 'up');
        expect(down, JSON.stringify(down)).toEqual([]);
      },
      { timeoutMs: 45_000, intervalMs: 1_000 },
    );
  }, 60_000);

  it('delivers a deliberate burst of 5xx as an alert through Alertmanager to the webhook', async () => {
    const fault = () => fetch(`${beacon.gatewayUrl}/api/test/fault`);
    // The 5xx series must exist in Prometheus before the burst: increase() ignores how far a
    // counter had already gone when its first sample was scraped.
    expect((await fault()).status).toBe(500);
    const faultSeries = 'http_requests_total{job="gateway",route="/api/test/fault"}';
    await eventually(async () => expect(await stack.query(faultSeries)).toHaveLength(1), {
      timeoutMs: 30_000,
      intervalMs: 1_000,
    });
    for (let i = 0; i < 30; i++) expect((await fault()).status).toBe(500);
    const alerts = await eventually(
      () => {
        const firing = webhook.firing('BeaconServerErrorBurst');
        expect(firing.length).toBeGreaterThan(0);
        return firing;
      },
      { timeoutMs: 90_000, intervalMs: 1_000 },
    );
    expect(alerts[0]).toMatchObject({ job: 'gateway', severity: 'critical' });
  }, 120_000);

  it('answers every PromQL expression of every dashboard with data after traffic', async () => {
    const expressions = loadDashboards().flatMap(({ file, json }) =>
      promqlExpressionsOf(json).map((query) => ({ file, ...query })),
    );
    expect(expressions.length).toBeGreaterThan(10);
    await eventually(
      async () => {
        const empty = [];
        for (const query of expressions) {
          if ((await stack.query(query.expr)).length === 0) empty.push(query);
        }
        expect(empty, 'queries without data').toEqual([]);
      },
      { timeoutMs: 60_000, intervalMs: 3_000 },
    );
  }, 90_000);

  it('stores latency exemplars that carry trace ids of exported traces', async () => {
    const exemplars = await eventually(
      async () => {
        const found = await stack.exemplars('http_request_duration_seconds_bucket{job="gateway"}');
        expect(found.length).toBeGreaterThan(0);
        return found;
      },
      { timeoutMs: 30_000, intervalMs: 1_000 },
    );
    const exported = new Set(spans.spans.map((span) => span.traceId));
    expect(exemplars.some((labels) => exported.has(labels.trace_id))).toBe(true);
  }, 60_000);
});

/** Steady traffic of every kind the dashboards show: creations, redirects, 404s. */
function startTraffic(gatewayUrl: string, owner: BearerHeader): NodeJS.Timeout {
  let n = 0;
  return setInterval(() => {
    const slug = `stack-${Date.now().toString(36)}-${n++}`;
    void (async () => {
      await fetch(`${gatewayUrl}/api/links`, {
        method: 'POST',
        headers: { ...owner, 'content-type': 'application/json' },
        body: JSON.stringify({ url: 'https://example.com/stack', slug }),
      });
      await fetch(`${gatewayUrl}/${slug}`, { redirect: 'manual' });
      await fetch(`${gatewayUrl}/no-such-${slug}`, { redirect: 'manual' });
      await fetch(`${gatewayUrl}/no/such/${slug}`, { redirect: 'manual' });
    })().catch(() => undefined);
  }, 300);
}

/** A dead letter, so the dead-letter panels have something to show. */
async function sendPoisonEvent(beacon: BeaconHarness): Promise<void> {
  const amqp = await AmqpTestClient.open(beacon.config.rabbitmq.urls, beacon.topology);
  try {
    await amqp.publishEvent('link.visited', 'not an envelope');
  } finally {
    await amqp.close();
  }
}

function filesIn(dir: string, suffix: string): string[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith(suffix))
    .map((name) => join(dir, name));
}

/** The rule files a promtool test file loads, as absolute paths. */
function ruleFilesOf(testFile: string): string[] {
  const { rule_files: files = [] } = parse(readFileSync(testFile, 'utf8')) as {
    rule_files?: string[];
  };
  return files.map((file) => resolve(dirname(testFile), file));
}
