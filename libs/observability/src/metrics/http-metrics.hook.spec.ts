import fastify, { type FastifyInstance } from 'fastify';
import { register, type MetricValueWithName } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpMetricsRecorder, UNMATCHED_ROUTE } from './http-metrics.hook';
import { HTTP_REQUEST_DURATION, HTTP_REQUESTS } from './metric-catalog';

describe('httpMetricsRecorder', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = fastify();
    const record = httpMetricsRecorder();
    app.addHook('onResponse', (request, reply, done) => {
      record(request, reply, undefined);
      done();
    });
    app.get('/api/links/:slug', async (request, reply) => reply.status(200).send({ ok: true }));
    app.post('/api/links', async (_request, reply) => reply.status(401).send());
    await app.ready();
  });
  afterAll(() => app.close());

  const series = async (): Promise<Record<string, string | number | undefined>[]> =>
    (await register.getSingleMetric(HTTP_REQUESTS.name)!.get()).values.map((value) => ({
      ...value.labels,
      value: value.value,
    }));

  it('labels responses by the route template, never the raw path', async () => {
    await app.inject({ method: 'GET', url: '/api/links/abc' });
    await app.inject({ method: 'GET', url: '/api/links/xyz?utm=1' });
    await app.inject({ method: 'POST', url: '/api/links' });
    expect(await series()).toEqual(
      expect.arrayContaining([
        { method: 'GET', route: '/api/links/:slug', status_code: '200', value: 2 },
        { method: 'POST', route: '/api/links', status_code: '401', value: 1 },
      ]),
    );
    const durations = await register.getSingleMetric(HTTP_REQUEST_DURATION.name)!.get();
    const count = (durations.values as MetricValueWithName<string>[]).find(
      (value) =>
        value.metricName === `${HTTP_REQUEST_DURATION.name}_count` &&
        value.labels.route === '/api/links/:slug',
    );
    expect(count?.value).toBe(2);
  });

  it('gives every unknown path one bounded label, and unusual methods OTHER', async () => {
    for (let i = 0; i < 50; i++) {
      await app.inject({ method: 'GET', url: `/random/${i}/${Math.random()}` });
    }
    await app.inject({ method: 'PROPFIND', url: '/somewhere' });
    const unmatched = (await series()).filter((labels) => labels.route === UNMATCHED_ROUTE);
    expect(unmatched).toEqual(
      expect.arrayContaining([
        { method: 'GET', route: UNMATCHED_ROUTE, status_code: '404', value: 50 },
        { method: 'OTHER', route: UNMATCHED_ROUTE, status_code: '404', value: 1 },
      ]),
    );
    expect(unmatched).toHaveLength(2);
  });
});
