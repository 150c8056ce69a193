/**
 * Nest's Fastify adapter with the `api` class's rate limit ahead of the not-found handler.
 * Requests that match no route never reach a guard: without this, a scanner probing paths
 * (`GET /a/b/c`, `POST /x/y`) would be limited by nothing. Nest sets the handler while the app
 * initialises, so `limitUnmatchedRoutes` must have handed over the limiter by then.
 */
import { isInfrastructurePath } from '@beacon/observability';
import { Logger } from '@nestjs/common';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest, RouteHandlerMethod } from 'fastify';
import { sendHttpError } from '../errors/http-exception.filter';
import type { RateLimiter } from './rate-limiter.service';

const logger = new Logger('UnmatchedRouteLimit');

export class RateLimitedFastifyAdapter extends FastifyAdapter {
  private limiter?: RateLimiter;

  limitUnmatchedRoutes(limiter: RateLimiter): void {
    this.limiter = limiter;
  }

  // Nest's signature: the handler is its router's proxy, a Fastify handler.
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  override setNotFoundHandler(handler: Function): ReturnType<FastifyAdapter['setNotFoundHandler']> {
    const limiter = this.limiter;
    if (!limiter) throw new Error('limitUnmatchedRoutes() must come before the app initialises');
    return this.getInstance().setNotFoundHandler(
      {
        preHandler: (request: FastifyRequest, reply: FastifyReply) =>
          limitUnmatched(limiter, request, reply),
      },
      handler as RouteHandlerMethod,
    );
  }
}

/** Resolves with the reply once it sent a 429 (which ends the request), else with nothing. */
async function limitUnmatched(
  limiter: RateLimiter,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply | undefined> {
  if (isInfrastructurePath(request.url)) return undefined;
  const answer = await limiter.take('api', request);
  limiter.sendHeaders(reply, 'api', answer);
  if (answer.allowed) return undefined;
  sendHttpError(reply, limiter.refuse(request, answer), request.id, logger);
  return reply;
}
