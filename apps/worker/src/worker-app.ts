/**
 * Builds the worker: an HTTP app for health, with the RabbitMQ event consumer attached as a
 * Nest microservice. main.ts starts it; the e2e suites boot the same app in-process.
 */
import type { BeaconConfig } from '@beacon/config';
import { RabbitConnection, RabbitEventServer } from '@beacon/messaging';
import { createAppLogger, observeHttpServer, requestIdOf } from '@beacon/observability';
import { NestFactory } from '@nestjs/core';
import { Logger as PinoNestLogger } from 'nestjs-pino';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { WorkerAppModule } from './app.module';

export async function createWorkerApp(config: BeaconConfig): Promise<NestFastifyApplication> {
  const appLogger = createAppLogger(config);
  const adapter = new FastifyAdapter({ genReqId: requestIdOf, skipMiddie: true });
  observeHttpServer(adapter.getInstance(), appLogger, config.tracing);
  const app = await NestFactory.create<NestFastifyApplication>(
    WorkerAppModule.register(config, appLogger),
    adapter,
    { bufferLogs: true },
  );
  app.useLogger(app.get(PinoNestLogger));
  app.connectMicroservice(
    { strategy: new RabbitEventServer(app.get(RabbitConnection), { prefetch: 20 }) },
    { inheritAppConfig: true },
  );
  return app;
}
