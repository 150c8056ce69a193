/**
 * The gateway's rate limits: a token bucket per route class and client IP (or, for the `key`
 * class, per API key), read from the reloadable config at each request. Each request takes a
 * token from exactly one class: `redirect` (GET and HEAD /:slug), `auth` (`@AuthAttempt()`
 * routes), `key` (any other route called with a valid API key, whatever its address) or `api`
 * (every other route, and requests that match none). A protected link's password also takes a
 * token from the link's own bucket over all clients (five times the auth class's). The client IP
 * is Fastify's `request.ip`, which reads X-Forwarded-For only from the proxies TRUST_PROXY names.
 *
 * Callers take a token, then send the headers on the responses that carry them (the redirect's
 * 302 does not) and throw `refuse`'s error when the answer is no.
 */
import { InjectConfig, type BeaconConfig, type RateLimitBucket } from '@beacon/config';
import {
  Counted,
  RATE_LIMIT_REJECTIONS,
  UNMATCHED_ROUTE,
  type CallOutcome,
} from '@beacon/observability';
import { Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { BucketStore } from './bucket-store';
import { policyItem, retryAfterSeconds, stateItem } from './rate-limit-headers';
import { RateLimitedError } from './rate-limited.error';
import type { BucketAnswer } from './token-bucket';

export type RateLimitClass = 'api' | 'redirect' | 'auth' | 'key';

/** The classes with a bucket per client IP. */
export type ClientRateLimitClass = Exclude<RateLimitClass, 'key'>;

/** A link's password takes this many times the auth class's tokens, all clients together. */
const LINK_PASSWORD_FACTOR = 5;
const LINK_PASSWORD = 'link-password';

@Injectable()
export class RateLimiter {
  constructor(
    @InjectConfig() private readonly config: BeaconConfig,
    private readonly store: BucketStore,
  ) {}

  take(rateClass: ClientRateLimitClass, request: FastifyRequest): Promise<BucketAnswer> {
    const { rateLimit } = this.config;
    return this.store.take(
      `rate-limit:${rateClass}:${request.ip}`,
      rateLimit[rateClass],
      rateLimit.windowMs,
    );
  }

  /** A token of the `key` class: one bucket per API key, over all the addresses it comes from. */
  takeKey(keyId: string): Promise<BucketAnswer> {
    const { rateLimit } = this.config;
    return this.store.take(`rate-limit:key:${keyId}`, rateLimit.key, rateLimit.windowMs);
  }

  takeLinkPassword(slug: string): Promise<BucketAnswer> {
    return this.store.take(
      `rate-limit:${LINK_PASSWORD}:${slug}`,
      this.linkPasswordBucket(),
      this.config.rateLimit.windowMs,
    );
  }

  /**
   * `RateLimit-Policy` and `RateLimit` for the class's answer (and the link's, on a password
   * attempt), and `Retry-After` when one of them refused.
   */
  sendHeaders(
    reply: FastifyReply,
    rateClass: RateLimitClass,
    answer: BucketAnswer,
    link?: BucketAnswer,
  ): void {
    const { rateLimit } = this.config;
    let policy = policyItem(rateClass, rateLimit[rateClass], rateLimit.windowMs);
    let state = stateItem(rateClass, answer);
    if (link) {
      policy += `, ${policyItem(LINK_PASSWORD, this.linkPasswordBucket(), rateLimit.windowMs)}`;
      state += `, ${stateItem(LINK_PASSWORD, link)}`;
    }
    void reply.header('ratelimit-policy', policy).header('ratelimit', state);
    const refused = !answer.allowed ? answer : link && !link.allowed ? link : undefined;
    if (refused) void reply.header('retry-after', retryAfterSeconds(refused));
  }

  /** The error that answers a refused request (429), counted by the request's route. */
  @Counted(RATE_LIMIT_REJECTIONS, {
    labels: ({ args: [request] }: CallOutcome<[FastifyRequest, BucketAnswer]>) => ({
      route: request.routeOptions.url ?? UNMATCHED_ROUTE,
    }),
  })
  refuse(_request: FastifyRequest, answer: BucketAnswer): RateLimitedError {
    return new RateLimitedError(retryAfterSeconds(answer));
  }

  private linkPasswordBucket(): RateLimitBucket {
    const { max, burst } = this.config.rateLimit.auth;
    return { max: max * LINK_PASSWORD_FACTOR, burst: burst * LINK_PASSWORD_FACTOR };
  }
}
