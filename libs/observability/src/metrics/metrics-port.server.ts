/**
 * METRICS_PORT: a second listener that serves only `/metrics` (metrics-port.handler.ts), so a
 * network policy can admit the monitoring namespace to it alone while the public port has no
 * `/metrics` at all. Provided only when METRICS_PORT is set (metrics.module.ts).
 *
 * It opens when the app's HTTP server starts listening, on the same address (0.0.0.0 in
 * production, loopback in the e2e suites): Nest has no hook after `listen`, and following the
 * server covers every caller of `app.listen`. It closes with the app (graceful shutdown's
 * `app.close()`), and never holds the process open by itself.
 */
import { InjectConfig, type BeaconConfig } from '@beacon/config';
import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { createServer, type Server } from 'node:http';
import type { Logger } from 'pino';
import { clientErrorHandler } from '../http-errors/malformed-requests';
import { APP_LOGGER } from '../logging/logging.constants';
import { metricsPortHandler } from './metrics-port.handler';

@Injectable()
export class MetricsPortServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly server: Server;
  private readonly port: number;

  constructor(
    @InjectConfig() config: BeaconConfig,
    @Inject(APP_LOGGER) logger: Logger,
    private readonly adapterHost: HttpAdapterHost,
  ) {
    const { metrics } = config;
    const { port } = metrics;
    if (port === undefined) throw new Error('MetricsPortServer is provided only with METRICS_PORT');
    this.port = port;
    this.server = createServer(metricsPortHandler(() => metrics.authTokens, logger));
    this.server.on('clientError', clientErrorHandler(logger));
  }

  onApplicationBootstrap(): void {
    const main = this.adapterHost.httpAdapter.getHttpServer() as Server;
    main.once('listening', () => {
      this.listen(addressOf(main)).catch((error: unknown) => {
        // Up but never scraped would look healthy: stop the process, as a main port that
        // cannot be bound does.
        process.nextTick(() => {
          throw error;
        });
      });
    });
  }

  /** Resolves once the port is bound; rejects with the port and host named when it cannot be. */
  listen(host: string | undefined): Promise<void> {
    return new Promise((resolve, reject) => {
      const refuse = (error: Error) => {
        const where = `${host ?? 'all addresses'}: ${error.message}`;
        reject(new Error(`METRICS_PORT ${this.port}: cannot listen on ${where}`, { cause: error }));
      };
      this.server.once('error', refuse);
      this.server.listen(this.port, host, () => {
        this.server.off('error', refuse);
        // The app's own server and connections decide how long the process lives.
        this.server.unref();
        resolve();
      });
    });
  }

  async onApplicationShutdown(): Promise<void> {
    if (!this.server.listening) return;
    // close() also ends idle keep-alive connections (Node 19+); a scrape in flight finishes.
    await new Promise((resolve) => this.server.close(resolve));
  }
}

/** The main server's bound address; undefined (all addresses) for a socket path. */
function addressOf(server: Server): string | undefined {
  const address = server.address();
  return typeof address === 'object' && address !== null ? address.address : undefined;
}
