/**
 * @nestjs/throttler's guard with Beacon's conventions: `RateLimit-Limit`, `-Remaining` and
 * `-Reset` headers (the IETF draft's names), `Retry-After` in seconds on every 429, a JSON error
 * that says when to retry, `rate_limit_rejections_total{route}`, and keys without a hash per
 * request: the default limit counts per client IP across all routes, the stricter `auth` limit
 * per route and client IP.
 */
import {
  Counted,
  RATE_LIMIT_REJECTIONS,
  UNMATCHED_ROUTE,
  type CallOutcome,
} from '@beacon/observability';
import { Injectable, type ExecutionContext } from '@nestjs/common';
import { ThrottlerException, ThrottlerGuard, type ThrottlerLimitDetail } from '@nestjs/throttler';
import type { FastifyReply, FastifyRequest } from 'fastify';

@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected override headerPrefix = 'RateLimit';

  protected override generateKey(context: ExecutionContext, tracker: string, name: string): string {
    if (name === 'default') return `${name}:${tracker}`;
    return `${name}:${context.getClass().name}.${context.getHandler().name}:${tracker}`;
  }

  @Counted(RATE_LIMIT_REJECTIONS, {
    labels: ({ args: [context] }: CallOutcome<[ExecutionContext, ThrottlerLimitDetail]>) => ({
      route: routeOf(context),
    }),
  })
  protected override async throwThrottlingException(
    context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    void reply.header('retry-after', detail.timeToBlockExpire);
    throw new ThrottlerException(`Too many requests: try again in ${detail.timeToBlockExpire} s`);
  }
}

function routeOf(context: ExecutionContext): string {
  return context.switchToHttp().getRequest<FastifyRequest>().routeOptions.url ?? UNMATCHED_ROUTE;
}
