/**
 * Builds the worker: an HTTP app for health, with the RabbitMQ event consumer attached as a
 * Nest microservice. main.ts starts it; the e2e suites boot the same app in-process.
 */
import type { BeaconConfig } from '@beacon/config';
import { RabbitEventServer } from '@beacon/messaging';
import {
  createAppLogger,
  HttpErrorFilter,
  type LogDestination,
  malformedRequestOptions,
  observeHttpServer,
  refuseRequestsWithoutHost,
  requestIdOf,
  sendFrameworkError,
} from '@beacon/observability';
import { NestFactory } from '@nestjs/core';
import { Logger as PinoNestLogger } from 'nestjs-pino';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { WorkerAppModule } from './app.module';

export interface WorkerAppOptions {
  /** Where the log lines go instead of stdout (the e2e suites' log file). */
  logDestination?: LogDestination;
}

export async function createWorkerApp(
  config: BeaconConfig,
  { logDestination }: WorkerAppOptions = {},
): Promise<NestFastifyApplication> {
  const appLogger = createAppLogger(config, logDestination);
  const adapter = new FastifyAdapter({
    genReqId: requestIdOf,
    skipMiddie: true,
    // Every HTTP error in the gateway's body (`{ statusCode, error, message, requestId }`).
    frameworkErrors: sendFrameworkError,
    ...malformedRequestOptions(appLogger),
  });
  refuseRequestsWithoutHost(adapter.getInstance());
  observeHttpServer(adapter.getInstance(), appLogger, config.tracing);
  const app = await NestFactory.create<NestFastifyApplication>(
    WorkerAppModule.register(config, appLogger),
    adapter,
    { bufferLogs: true },
  );
  app.useLogger(app.get(PinoNestLogger));
  app.useGlobalFilters(new HttpErrorFilter());
  app.connectMicroservice({ strategy: app.get(RabbitEventServer) }, { inheritAppConfig: true });
  return app;
}
