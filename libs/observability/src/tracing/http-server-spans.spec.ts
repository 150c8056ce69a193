import type { TracingConfig } from '@beacon/config';
import { context, SpanStatusCode, trace, TraceFlags, type SpanContext } from '@opentelemetry/api';
import {
  InMemorySpanExporter,
  SimpleSpanProcessor,
  StackContextManager,
  TracerProvider,
} from '@opentelemetry/sdk-trace';
import fastify, { type FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HeadSampledSampler } from './head-sampling';
import { httpServerSpans } from './http-server-spans';
import { traceSampler } from './trace-sampler';

const exporter = new InMemorySpanExporter();
/** The sampled trace id (or 'none') of each response, in order, once it has ended. */
const sampledTraces: string[] = [];
let provider: TracerProvider;

/** Spans end in onResponse, which runs after inject() has its response; exports follow. */
async function finishedSpans(count: number) {
  for (let i = 0; i < 100 && sampledTraces.length < count; i++) {
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  await provider.forceFlush();
  return exporter.getFinishedSpans();
}

/** A server whose handler reports the span active in it; ratio 1 records every new trace. */
async function tracedServer(samplerRatio: number): Promise<FastifyInstance> {
  const tracing: TracingConfig = {
    enabled: true,
    endpoint: 'http://unused',
    serviceName: 'test',
    sampler: 'parentbased_traceidratio',
    samplerRatio,
  };
  trace.disable();
  provider = new TracerProvider({
    sampler: new HeadSampledSampler(traceSampler(tracing)),
    spanProcessors: [new SimpleSpanProcessor({ exporter })],
  });
  trace.setGlobalTracerProvider(provider);
  const app = fastify();
  const spans = httpServerSpans(app, tracing);
  app.addHook('onRequest', (request, _reply, done) => {
    spans.start(request);
    done();
  });
  app.addHook('preHandler', (request, _reply, done) => spans.runInSpan(request, done));
  app.addHook('onResponse', (request, reply, done) => {
    spans.end(request, reply.statusCode);
    sampledTraces.push(spans.sampledTrace(request)?.traceId ?? 'none');
    done();
  });
  const activeSpan = (): SpanContext | undefined => trace.getActiveSpan()?.spanContext();
  app.get('/:slug', async () => ({ active: activeSpan() ?? null }));
  app.get('/fails/:id', async (_request, reply) =>
    reply.status(503).send({ active: activeSpan() }),
  );
  app.get('/health/ready', async () => ({ active: activeSpan() ?? null }));
  await app.ready();
  return app;
}

describe('httpServerSpans', () => {
  beforeAll(() => context.setGlobalContextManager(new StackContextManager().enable()));
  afterEach(() => {
    exporter.reset();
    sampledTraces.length = 0;
  });
  afterAll(() => {
    trace.disable();
    context.disable();
  });

  it('records a sampled request as one SERVER span named by its route, active in the handler', async () => {
    const app = await tracedServer(1);
    const response = await app.inject({ method: 'GET', url: '/abc?utm=1' });
    const spans = await finishedSpans(1);
    expect(spans).toHaveLength(1);
    const [span] = spans;
    expect(span.name).toBe('GET /:slug');
    expect(span.attributes).toMatchObject({
      'http.request.method': 'GET',
      'http.route': '/:slug',
      'url.path': '/abc',
      'http.response.status_code': 200,
    });
    expect(response.json<{ active: SpanContext }>().active.spanId).toBe(span.spanContext().spanId);
    expect(sampledTraces).toEqual([span.spanContext().traceId]);
    await app.close();
  });

  it('marks a 5xx as an error', async () => {
    const app = await tracedServer(1);
    await app.inject({ method: 'GET', url: '/fails/1' });
    expect((await finishedSpans(1))[0]?.status.code).toBe(SpanStatusCode.ERROR);
    await app.close();
  });

  it('gives an unsampled new trace a non-recording span with fresh ids, and exports nothing', async () => {
    const app = await tracedServer(0);
    const first = await app.inject({ method: 'GET', url: '/abc' });
    const second = await app.inject({ method: 'GET', url: '/abc' });
    const ids = [first, second].map((response) => response.json<{ active: SpanContext }>().active);
    for (const active of ids) {
      expect(active.traceId).toMatch(/^(?!0{32})[0-9a-f]{32}$/);
      expect(active.spanId).toMatch(/^(?!0{16})[0-9a-f]{16}$/);
      expect(active.traceFlags).toBe(TraceFlags.NONE);
    }
    expect(ids[0].traceId).not.toBe(ids[1].traceId);
    expect(await finishedSpans(2)).toEqual([]);
    expect(sampledTraces).toEqual(['none', 'none']);
    await app.close();
  });

  it('samples roughly the configured share of new traces', async () => {
    const app = await tracedServer(0.2);
    for (let i = 0; i < 500; i++) await app.inject({ method: 'GET', url: `/s${i}` });
    const sampled = (await finishedSpans(500)).length;
    // Binomial(500, 0.2): mean 100, standard deviation 9; the bounds are ±5 deviations.
    expect(sampled).toBeGreaterThan(55);
    expect(sampled).toBeLessThan(145);
    await app.close();
  });

  it('leaves probes without a span', async () => {
    const app = await tracedServer(1);
    const response = await app.inject({ method: 'GET', url: '/health/ready' });
    expect(response.json()).toEqual({ active: null });
    expect(await finishedSpans(1)).toEqual([]);
    await app.close();
  });

  it('adds nothing when tracing is off', async () => {
    const spans = httpServerSpans(fastify(), {
      enabled: false,
      endpoint: 'http://unused',
      serviceName: 'test',
      sampler: 'always_on',
      samplerRatio: 1,
    });
    let ran = false;
    spans.runInSpan({} as never, () => (ran = true));
    expect(ran).toBe(true);
    expect(spans.sampledTrace({} as never)).toBeUndefined();
  });
});
