import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp } from './support/accounts';
import { startBeacon, type BeaconHarness } from './support/beacon-harness';
import { eventually } from './support/eventually';
import { request } from './support/http-client';
import { parseMetrics, samplesOf } from './support/metrics-text';
import { OtlpReceiver, type ReceivedSpan } from './support/otlp-receiver';

const SERVER = 2;
const PRODUCER = 4;
const CONSUMER = 5;

/** Both apps in their own processes, started like production with their instrumentation. */
describe('one trace from the redirect through RabbitMQ into the worker and its SQL', () => {
  let receiver: OtlpReceiver;
  let beacon: BeaconHarness;
  beforeAll(async () => {
    receiver = await OtlpReceiver.start();
    beacon = await startBeacon({
      worker: true,
      processes: { traced: true },
      env: {
        OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
        OTEL_TRACES_SAMPLER: 'always_on',
        LOG_LEVEL: 'debug',
      },
    });
  });
  afterAll(async () => {
    await beacon?.stop();
    await receiver?.close();
  });

  const inTrace = (traceId: string) => receiver.spans.filter((span) => span.traceId === traceId);

  it('links the HTTP span, the publish, the consume and a mysql span, and the log line', async () => {
    const created = await request(`${beacon.gatewayUrl}/api/links`, {
      method: 'POST',
      json: { url: 'https://example.com/traced', slug: 'traced' },
      headers: await signUp(beacon.gatewayUrl),
    });
    expect(created.status).toBe(201);
    const redirect = await request(`${beacon.gatewayUrl}/traced`, {
      headers: { 'x-request-id': 'trace-e2e-request-1' },
    });
    expect(redirect.status).toBe(302);

    const server = await eventually(() => {
      const span = receiver.spans.find(
        (candidate) =>
          candidate.service === 'beacon-gateway' &&
          candidate.kind === SERVER &&
          candidate.attributes['http.route'] === '/:slug',
      );
      expect(span, 'the gateway HTTP server span of GET /:slug').toBeDefined();
      return span!;
    });
    const trace = await eventually(
      () => {
        const spans = inTrace(server.traceId);
        expect(spans.find(isPublish), 'a publish span').toBeDefined();
        expect(spans.find(isWorkerConsume), "the worker's consume span").toBeDefined();
        expect(spans.find(isWorkerSql), "a mysql span of the worker's write").toBeDefined();
        return spans;
      },
      { timeoutMs: 15_000 },
    );
    const publish = trace.find(isPublish)!;
    const consume = trace.find(isWorkerConsume)!;
    expect(publish.service).toBe('beacon-gateway');
    expect(consume.parentSpanId, 'the consume continues the publish').toBe(publish.spanId);

    const logLine = beacon.output.gateway
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .find((line) => line.msg === 'request completed' && line.route === '/:slug');
    expect(logLine).toMatchObject({
      requestId: 'trace-e2e-request-1',
      traceId: server.traceId,
      statusCode: 302,
    });
  });

  it("puts the redirect's trace id on its latency bucket as an OpenMetrics exemplar", async () => {
    const redirect = await request(`${beacon.gatewayUrl}/traced`);
    expect(redirect.status).toBe(302);
    const metrics = parseMetrics(await (await fetch(`${beacon.gatewayUrl}/metrics`)).text());
    const exemplars = samplesOf(metrics, 'http_request_duration_seconds_bucket', {
      route: '/:slug',
      status_code: '302',
    }).flatMap((sample) => (sample.exemplar ? [sample.exemplar.trace_id] : []));
    expect(exemplars.length).toBeGreaterThan(0);
    const traced = await eventually(() => {
      const ids = new Set(receiver.spans.map((span) => span.traceId));
      const known = exemplars.filter((id) => ids.has(id));
      expect(known.length, 'exemplar trace ids that reached the tracing backend').toBeGreaterThan(
        0,
      );
      return known;
    });
    expect(traced[0]).toMatch(/^[0-9a-f]{32}$/);
  });

  it("continues a caller's trace from its traceparent", async () => {
    const callerTrace = 'b'.repeat(32);
    const callerSpan = 'c'.repeat(16);
    const redirect = await request(`${beacon.gatewayUrl}/traced`, {
      headers: { traceparent: `00-${callerTrace}-${callerSpan}-01` },
    });
    expect(redirect.status).toBe(302);
    const server = await eventually(() => {
      const span = inTrace(callerTrace).find((candidate) => candidate.kind === SERVER);
      expect(span, "the server span in the caller's trace").toBeDefined();
      return span!;
    });
    expect(server.parentSpanId).toBe(callerSpan);
    expect(server.name).toBe('GET /:slug');
  });

  it("continues a link creation's trace through the outbox relay into the worker", async () => {
    const creationTrace = 'd'.repeat(32);
    const created = await request(`${beacon.gatewayUrl}/api/links`, {
      method: 'POST',
      json: { url: 'https://example.com/traced-outbox', slug: 'traced-outbox' },
      headers: {
        ...(await signUp(beacon.gatewayUrl)),
        traceparent: `00-${creationTrace}-${'e'.repeat(16)}-01`,
      },
    });
    expect(created.status).toBe(201);
    await eventually(
      () => {
        const spans = inTrace(creationTrace);
        const server = spans.find((span) => span.kind === SERVER);
        expect(server?.attributes['http.route']).toBe('/api/links');
        const publish = spans.find(isPublish);
        expect(publish, "the relay's publish").toBeDefined();
        expect(
          spans.find((span) => isWorkerConsume(span) && span.parentSpanId === publish!.spanId),
          "the enrichment's consume",
        ).toBeDefined();
      },
      { timeoutMs: 15_000 },
    );
  });

  it("leaves the outbox relay's polling untraced", async () => {
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    const polls = receiver.spans.filter(
      (span) =>
        span.service === 'beacon-gateway' &&
        /\boutbox\b/.test(sqlText(span)) &&
        !inTrace(span.traceId).some((other) => other.kind === SERVER),
    );
    expect(polls.map(sqlText)).toEqual([]);
  });

  it('leaves scrapes and probes untraced', async () => {
    await fetch(`${beacon.gatewayUrl}/metrics`);
    await fetch(`${beacon.gatewayUrl}/health/ready`);
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    const routes = receiver.spans.map((span) => String(span.attributes['http.route'] ?? span.name));
    expect(routes.filter((route) => /metrics|health/.test(route))).toEqual([]);
  });
});

function isPublish(span: ReceivedSpan): boolean {
  return span.kind === PRODUCER && span.service === 'beacon-gateway';
}

function isWorkerConsume(span: ReceivedSpan): boolean {
  return span.kind === CONSUMER && span.service === 'beacon-worker';
}

function sqlText(span: ReceivedSpan): string {
  return String(span.attributes['db.query.text'] ?? span.attributes['db.statement'] ?? '');
}

function isWorkerSql(span: ReceivedSpan): boolean {
  const system = span.attributes['db.system.name'] ?? span.attributes['db.system'];
  return span.service === 'beacon-worker' && system === 'mysql';
}
