/**
 * Builds the gateway application (Fastify adapter, error filter, validation) without
 * listening: main.ts listens, and the e2e suites boot the very same app in-process.
 */
import type { BeaconConfig } from '@beacon/config';
import {
  createAppLogger,
  type LogDestination,
  malformedRequestOptions,
  observeHttpServer,
  refuseRequestsWithoutHost,
  requestIdOf,
} from '@beacon/observability';
import { Logger, StandardSchemaValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger as PinoNestLogger } from 'nestjs-pino';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { GatewayAppModule } from './app.module';
import { HttpExceptionFilter, sendHttpError } from './errors/http-exception.filter';
import { recordRoutes } from './openapi/registered-routes';
import { parseBodies } from './request-bodies/request-body-parsers';
import { enableCrossOrigin } from './edge/cross-origin';
import { sendSecurityHeaders } from './edge/security-headers';
import { RateLimitedFastifyAdapter } from './rate-limits/rate-limited-fastify.adapter';
import { RateLimiter } from './rate-limits/rate-limiter.service';
import { validationExceptionFactory } from './errors/validation-exception.factory';

const logger = new Logger('GatewayHttp');

/** API bodies are small JSON documents; anything larger is refused with 413. */
const BODY_LIMIT_BYTES = 64 * 1024;

export interface GatewayAppOptions {
  /** Where the log lines go instead of stdout (the e2e suites' log file). */
  logDestination?: LogDestination;
}

export async function createGatewayApp(
  config: BeaconConfig,
  { logDestination }: GatewayAppOptions = {},
): Promise<NestFastifyApplication> {
  const appLogger = createAppLogger(config, logDestination);
  const adapter = new RateLimitedFastifyAdapter({
    trustProxy: trustProxyOption(config.http.trustProxy),
    bodyLimit: BODY_LIMIT_BYTES,
    genReqId: requestIdOf,
    frameworkErrors: sendFrameworkError,
    // Malformed requests (below the router) get the API's error body too.
    ...malformedRequestOptions(appLogger),
    // No Nest middleware here (hooks and guards do that work): without middie, no request
    // pays for its hook (measured, docs/benchmarks.md).
    skipMiddie: true,
  });
  const fastify = adapter.getInstance();
  recordRoutes(fastify);
  refuseRequestsWithoutHost(fastify);
  // JSON for the API, urlencoded for the password form only; anything else gets 415.
  parseBodies(fastify);
  sendSecurityHeaders(fastify);
  observeHttpServer(fastify, appLogger, config.tracing);
  const app = await NestFactory.create<NestFastifyApplication>(
    GatewayAppModule.register(config, appLogger),
    adapter,
    // Bodies are parsed by the parsers registered above (parseBodies), not Nest's.
    { bufferLogs: true, bodyParser: false },
  );
  app.useLogger(app.get(PinoNestLogger));
  // Requests that match no route count in the api class too (a scanner's probes).
  adapter.limitUnmatchedRoutes(app.get(RateLimiter));
  app.useGlobalFilters(new HttpExceptionFilter());
  app.useGlobalPipes(
    new StandardSchemaValidationPipe({ exceptionFactory: validationExceptionFactory }),
  );
  enableCrossOrigin(app, config);
  return app;
}

/** Errors of Fastify's router (a malformed URL, an overlong path) never reach Nest's filter. */
function sendFrameworkError(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  sendHttpError(reply, error, request.id, logger);
}

/** A hop count becomes the function Fastify builds from it (its typings accept no number). */
function trustProxyOption(
  trustProxy: BeaconConfig['http']['trustProxy'],
): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (typeof trustProxy !== 'number') return trustProxy;
  return (_address, hop) => hop < trustProxy;
}
