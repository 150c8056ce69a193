/**
 * The rate limit of every Nest route, a global guard ahead of the JWT guard (so that a flood of
 * bad tokens meets 429s rather than endless 401s): `@AuthAttempt()` routes take a token of the
 * `auth` class, every other route one of the `api` class. Every answer carries the RateLimit
 * headers; a refusal is a 429 with Retry-After. Scrapes and probes are never limited.
 */
import { isInfrastructurePath } from '@beacon/observability';
import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isAuthAttempt, isLinkPasswordAttempt } from './auth-attempt.decorator';
import { RateLimiter } from './rate-limiter.service';

type SlugRequest = FastifyRequest<{ Params: { slug: string } }>;

@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(private readonly limiter: RateLimiter) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const request = http.getRequest<SlugRequest>();
    if (isInfrastructurePath(request.url)) return true;
    const reply = http.getResponse<FastifyReply>();
    const rateClass = isAuthAttempt(context) ? 'auth' : 'api';
    const answer = await this.limiter.take(rateClass, request);
    // A refused client spends none of the link's tokens.
    const link =
      answer.allowed && isLinkPasswordAttempt(context)
        ? await this.limiter.takeLinkPassword(request.params.slug)
        : undefined;
    this.limiter.sendHeaders(reply, rateClass, answer, link);
    if (!answer.allowed) throw this.limiter.refuse(request, answer);
    if (link && !link.allowed) throw this.limiter.refuse(request, link);
    return true;
  }
}
