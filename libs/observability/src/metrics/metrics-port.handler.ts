/**
 * The requests of the metrics port (metrics-port.server.ts), on plain node:http: `GET` or `HEAD`
 * `/metrics` with the main port's token check, answered from the same registry in the same
 * format as its controller (PrometheusController: the registry's content type and text, no
 * negotiation, see metric-registry.ts); anything else is 404. No Nest or Fastify routing here,
 * so nothing but the metrics can ever be reached on this port. Each response is counted and
 * logged as on the main port, under route `/metrics` (or `unmatched`), so dashboards and the
 * unauthorized-scrape alert read both ports alike.
 */
import {
  STATUS_CODES,
  type IncomingMessage,
  type RequestListener,
  type ServerResponse,
} from 'node:http';
import type { Logger } from 'pino';
import { register } from 'prom-client';
import { httpErrorBody } from '../http-errors/http-error-body';
import { pathOf } from '../infrastructure-paths';
import { requestLogLevel, writeRequestLine } from '../logging/http-request-log.hook';
import { requestIdOf } from '../logging/request-id';
import { httpResponseMetrics, UNMATCHED_ROUTE } from './http-metrics.hook';
import { isAuthorizedScrape } from './metrics-token';

const METRICS_ROUTE = '/metrics';

/** `acceptedTokens` is asked on each scrape: METRICS_AUTH_TOKEN is reloadable. */
export function metricsPortHandler(
  acceptedTokens: () => string[],
  logger: Logger,
): RequestListener {
  const recordMetrics = httpResponseMetrics();
  return (request, response) => {
    const startedAt = performance.now();
    const requestId = requestIdOf(request);
    const method = request.method ?? 'GET';
    const route = isScrape(method, request.url) ? METRICS_ROUTE : UNMATCHED_ROUTE;
    response.once('finish', () => {
      const { statusCode } = response;
      const durationMs = performance.now() - startedAt;
      recordMetrics(method, route, statusCode, durationMs / 1000, undefined);
      const level = requestLogLevel(route, statusCode, durationMs);
      if (!logger.isLevelEnabled(level)) return;
      writeRequestLine(logger, level, { requestId, method, route, statusCode, durationMs });
    });
    response.setHeader('x-request-id', requestId);
    answer(request, response, route, acceptedTokens()).catch((error: unknown) => {
      logger.error({ requestId, err: error }, 'cannot render the metrics');
      if (response.headersSent) response.destroy();
      else sendError(response, 500);
    });
  };
}

function isScrape(method: string, url: string | undefined): boolean {
  return (method === 'GET' || method === 'HEAD') && pathOf(url ?? '') === METRICS_ROUTE;
}

async function answer(
  request: IncomingMessage,
  response: ServerResponse,
  route: string,
  authTokens: string[],
): Promise<void> {
  if (route === UNMATCHED_ROUTE) return sendError(response, 404);
  if (!isAuthorizedScrape(request.headers, authTokens)) return sendError(response, 401);
  const body = await register.metrics();
  response.writeHead(200, {
    'content-type': register.contentType,
    'content-length': Buffer.byteLength(body),
  });
  // node:http drops the body of an answer to HEAD by itself, as Fastify does on the main port.
  response.end(body);
}

/** The apps' error shape (statusCode, error, message, requestId), with no hint beyond the status. */
function sendError(response: ServerResponse, statusCode: number): void {
  const message = STATUS_CODES[statusCode] ?? 'Error';
  const requestId = String(response.getHeader('x-request-id')); // set before anything is answered
  const body = JSON.stringify(httpErrorBody(statusCode, message, requestId));
  response.writeHead(statusCode, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
  });
  response.end(body);
}
