/**
 * `GET /:slug` → 302 to the target (HEAD too, which Fastify derives from it): the hot path.
 * Fixed routes win over it in Fastify's router. A password-protected link answers with a small
 * HTML form instead, which posts to `POST /:slug` (link-unlock.controller.ts).
 *
 * The route is Fastify's own, not a Nest controller's, and its 302 carries no `RateLimit`
 * headers (browsers follow a redirect without reading them; errors and the form carry them):
 * together, a sixth of the redirect's CPU (docs/benchmarks.md). It keeps what Nest's pipeline
 * gave it: a rate limit (the `redirect` class, from the limiter every route uses) and errors
 * answered by the exception filter's own mapping. The Fastify server's hooks (request id, span,
 * metrics, request log) run as for any route; the redirect needs no authentication.
 */
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sendHttpError } from '../errors/http-exception.filter';
import { RateLimiter } from '../rate-limits/rate-limiter.service';
import type { BucketAnswer } from '../rate-limits/token-bucket';
import { sendPasswordForm, sendRedirect, visitorOf } from './link-redirect.replies';
import { LinkRedirectService, PASSWORD_REQUIRED } from './link-redirect.service';

type SlugRequest = FastifyRequest<{ Params: { slug: string } }>;

@Injectable()
export class LinkRedirectRoute implements OnModuleInit {
  private readonly logger = new Logger(LinkRedirectRoute.name);

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly redirects: LinkRedirectService,
    private readonly rateLimit: RateLimiter,
  ) {}

  /** After Nest registered its own routes, before the server starts (and stops taking routes). */
  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.get<{ Params: { slug: string } }>('/:slug', async (request, reply) => {
      await this.redirect(request, reply);
      return reply;
    });
  }

  private async redirect(request: SlugRequest, reply: FastifyReply): Promise<void> {
    let limit: BucketAnswer | undefined;
    try {
      limit = await this.rateLimit.take('redirect', request);
      if (!limit.allowed) throw this.rateLimit.refuse(request, limit);
      const slug = request.params.slug;
      const visitor = visitorOf(request);
      const target = await this.redirects.visit(slug, visitor);
      if (target !== PASSWORD_REQUIRED) return sendRedirect(reply, target);
      this.rateLimit.sendHeaders(reply, 'redirect', limit);
      sendPasswordForm(reply, slug, visitor.source, 200);
    } catch (error) {
      if (limit) this.rateLimit.sendHeaders(reply, 'redirect', limit);
      sendHttpError(reply, error, request.id, this.logger);
    }
  }
}
