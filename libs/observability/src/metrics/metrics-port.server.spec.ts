import { loadConfig } from '@beacon/config';
import type { HttpAdapterHost } from '@nestjs/core';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { MetricsPortServer } from './metrics-port.server';

/** The metrics port of an app whose main HTTP server is `main`, outside Nest. */
function metricsPortOf(main: Server, port: number): MetricsPortServer {
  const config = loadConfig('gateway', {
    JWT_SECRET: 'unit',
    METRICS_PORT: String(port),
    METRICS_AUTH_TOKEN: 't',
  });
  const adapterHost = { httpAdapter: { getHttpServer: () => main } } as HttpAdapterHost;
  return new MetricsPortServer(config, pino({ level: 'silent' }), adapterHost);
}

const listening = (server: Server, port: number, host: string) =>
  new Promise<void>((resolve) => server.listen(port, host, resolve));
const closed = (server: Server) => new Promise((resolve) => server.close(resolve));

/** A port nobody listens on right now. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await listening(probe, 0, '127.0.0.1');
  const { port } = probe.address() as AddressInfo;
  await closed(probe);
  return port;
}

describe('MetricsPortServer', () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('opens when the main server listens, on its address, and closes with the app', async () => {
    const main = createServer((_request, response) => response.end('main'));
    const port = await freePort();
    const metricsPort = metricsPortOf(main, port);
    metricsPort.onApplicationBootstrap();
    await listening(main, 0, '127.0.0.1');
    cleanups.push(() => closed(main));

    const scrape = await fetch(`http://127.0.0.1:${port}/metrics`, {
      headers: { 'x-metrics-token': 't' },
    });
    expect(scrape.status).toBe(200);
    // The kept-alive connection of that scrape does not hold the close up.
    await metricsPort.onApplicationShutdown();
    await expect(fetch(`http://127.0.0.1:${port}/metrics`)).rejects.toThrow();
    // The main server is not its business.
    const mainPort = (main.address() as AddressInfo).port;
    expect(await (await fetch(`http://127.0.0.1:${mainPort}/`)).text()).toBe('main');
  });

  it('stays closed while the app does not listen, and shuts down all the same', async () => {
    const main = createServer();
    const port = await freePort();
    const metricsPort = metricsPortOf(main, port);
    metricsPort.onApplicationBootstrap();
    await expect(fetch(`http://127.0.0.1:${port}/metrics`)).rejects.toThrow();
    await expect(metricsPort.onApplicationShutdown()).resolves.toBeUndefined();
  });

  it('names the port and the address when the port is taken', async () => {
    const taken = createServer();
    const port = await freePort();
    await listening(taken, port, '127.0.0.1');
    cleanups.push(() => closed(taken));
    const metricsPort = metricsPortOf(createServer(), port);
    await expect(metricsPort.listen('127.0.0.1')).rejects.toThrow(
      `METRICS_PORT ${port}: cannot listen on 127.0.0.1: listen EADDRINUSE`,
    );
  });
});
