/**
 * The rate limit of every Nest route, a global guard ahead of the JWT guard (so that a flood of
 * bad tokens meets 429s rather than endless 401s): `@AuthAttempt()` routes take a token of the
 * `auth` class; a request with a valid API key one of the `key` class, from the key's own
 * bucket; every other request one of the `api` class (a wrong, revoked or expired key spends
 * the address's tokens, like a wrong access token). Which key a request carries is the JWT
 * guard's lookup too (ApiKeyVerifier keeps it for the request). Every answer carries the
 * RateLimit headers; a refusal is a 429 with Retry-After. Scrapes and probes are never limited.
 */
import { ApiKeyVerifier } from '@beacon/auth';
import { isInfrastructurePath } from '@beacon/observability';
import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isAuthAttempt, isLinkPasswordAttempt } from './auth-attempt.decorator';
import { RateLimiter, type RateLimitClass } from './rate-limiter.service';
import type { BucketAnswer } from './token-bucket';

type SlugRequest = FastifyRequest<{ Params: { slug: string } }>;

@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(
    private readonly limiter: RateLimiter,
    private readonly apiKeys: ApiKeyVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const request = http.getRequest<SlugRequest>();
    if (isInfrastructurePath(request.url)) return true;
    const reply = http.getResponse<FastifyReply>();
    const [rateClass, answer] = await this.takeToken(context, request);
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

  private async takeToken(
    context: ExecutionContext,
    request: FastifyRequest,
  ): Promise<[RateLimitClass, BucketAnswer]> {
    if (isAuthAttempt(context)) return ['auth', await this.limiter.take('auth', request)];
    const apiKey = await this.apiKeys.identify(request);
    if (apiKey && !('refused' in apiKey)) {
      return ['key', await this.limiter.takeKey(apiKey.keyId)];
    }
    return ['api', await this.limiter.take('api', request)];
  }
}
