import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGatewayApp } from '../apps/gateway/src/gateway-app';
import {
  previewOpenApiDocument,
  previewRoutes,
} from '../apps/gateway/src/openapi/preview-document';
import { registeredRoutes } from '../apps/gateway/src/openapi/registered-routes';
import { startBeacon, type BeaconHarness } from './support/beacon-harness';

/** `/api/links/:slug` and `/api/links/{slug}` alike: `/api/links/{}`. */
const shapeOf = (path: string) => path.replace(/:\w+|\{\w+\}/g, '{}');

describe('the OpenAPI document and its docs', () => {
  let beacon: BeaconHarness;
  beforeAll(async () => {
    beacon = await startBeacon({ env: { ALLOWED_ORIGINS: 'https://console.example' } });
  });
  afterAll(() => beacon?.stop());

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the test reads into the JSON
  const servedDocument = async (): Promise<any> =>
    (await fetch(`${beacon.gatewayUrl}/openapi.json`)).json();

  it('documents every route the gateway registers', async () => {
    // A second gateway on the suite's services, started for its route table only; its closing
    // cuts its broker channels mid-setup, which it would log as errors.
    const quiet = { ...beacon.config, log: { level: 'silent' as const } };
    const app: NestFastifyApplication = await createGatewayApp(quiet);
    await app.init();
    const registered = registeredRoutes(app.getHttpAdapter().getInstance());
    await app.close();
    const document = await servedDocument();
    const documented = new Set(
      Object.entries(document.paths).flatMap(([path, methods]) =>
        Object.keys(methods as object).map((method) => `${method.toUpperCase()} ${shapeOf(path)}`),
      ),
    );
    const hidden = new Set(
      (await previewRoutes())
        .filter((route) => route.hidden)
        .map((route) => `${route.method} ${shapeOf(route.path)}`),
    );
    const isDescribed = (route: string) => documented.has(route) || hidden.has(route);
    const undocumented = registered
      .map(({ method, url }) => `${method} ${shapeOf(url)}`)
      // Fastify answers HEAD for every GET, from the GET's handler; CORS preflights take any path.
      .map((route) => route.replace(/^HEAD /, 'GET '))
      .filter((route) => route !== 'OPTIONS *')
      .filter((route) => !isDescribed(route));
    expect(registered.length).toBeGreaterThan(30);
    expect(undocumented).toEqual([]);
  });

  it('serves the document it builds without an app, as `npm run openapi` writes it', async () => {
    const served = await servedDocument();
    expect(served).toEqual(await previewOpenApiDocument());
    expect(served.openapi).toBe('3.1.1');
    expect(
      served.paths['/api/links'].post.requestBody.content['application/json'].schema.required,
    ).toEqual(['url']);
    expect(served.paths['/api/links'].post.security).toEqual([
      { accessToken: [] },
      { apiKey: ['links:write'] },
    ]);
  });

  it('serves Swagger UI at /docs, every file from the gateway itself', async () => {
    const page = await fetch(`${beacon.gatewayUrl}/docs`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await page.text();
    const references = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map(([, url]) => url);
    expect(references.length).toBeGreaterThanOrEqual(4);
    for (const reference of references) {
      expect(reference).toMatch(/^\/docs\//);
      const asset = await fetch(`${beacon.gatewayUrl}${reference}`);
      expect(asset.status, reference).toBe(200);
      expect((await asset.arrayBuffer()).byteLength, reference).toBeGreaterThan(0);
    }
    const starter = await (await fetch(`${beacon.gatewayUrl}/docs/docs.js`)).text();
    expect(starter).toContain("url: '/openapi.json'");
    expect(starter).toContain('validatorUrl: null');
    expect(starter).not.toMatch(/https?:\/\//);
  });

  it('serves only the files of the page under /docs/', async () => {
    for (const name of [
      'package.json',
      '..%2F..%2Fpackage.json',
      'index.html',
      'swagger-ui-bundle.js.map',
    ]) {
      const asset = await fetch(`${beacon.gatewayUrl}/docs/${name}`);
      expect(asset.status, name).toBe(404);
    }
  });

  it('serves the console at / (built by `npm run build`, which `npm run test:e2e` runs first)', async () => {
    const root = await fetch(`${beacon.gatewayUrl}/`, { redirect: 'manual' });
    expect(root.status).toBe(200);
    expect(root.headers.get('content-type')).toContain('text/html');
    expect(await root.text()).toContain('<div id="app"></div>');
  });
});
