/**
 * `GET /:slug` → 302 to the target (HEAD too, which Fastify derives from it): the hot path.
 * Fixed routes win over it in Fastify's router. A password-protected link answers with a small
 * HTML form instead, which posts to `POST /:slug` (link-unlock.controller.ts).
 *
 * The route is Fastify's own, not a Nest controller's, and its 302 carries no `RateLimit-*`
 * headers (browsers follow a redirect without reading them; errors and the form carry them):
 * together, a sixth of the redirect's CPU (docs/benchmarks.md). It keeps what Nest's pipeline
 * gave it: the global rate limit, through the very guard every other route runs, and errors
 * answered by the exception filter's own mapping. The Fastify server's hooks (request id, span,
 * metrics, request log) run as for any route; the redirect needs no authentication.
 */
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { HeldResponseHeaders } from '../edge/held-response-headers';
import { RateLimitGuard } from '../edge/rate-limit.guard';
import { sendHttpError } from '../errors/http-exception.filter';
import { sendPasswordForm, sendRedirect, visitorOf } from './link-redirect.replies';
import { LinkRedirectService, PASSWORD_REQUIRED } from './link-redirect.service';

type SlugRequest = FastifyRequest<{ Params: { slug: string } }>;

@Injectable()
export class LinkRedirectRoute implements OnModuleInit {
  private readonly logger = new Logger(LinkRedirectRoute.name);

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly redirects: LinkRedirectService,
    private readonly rateLimit: RateLimitGuard,
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
    const limitHeaders = new HeldResponseHeaders();
    try {
      await this.rateLimit.canActivate(
        new ExecutionContextHost([request, limitHeaders], LinkRedirectRoute, this.redirect),
      );
      const slug = request.params.slug;
      const target = await this.redirects.visit(slug, visitorOf(request));
      if (target !== PASSWORD_REQUIRED) return sendRedirect(reply, target);
      limitHeaders.applyTo(reply);
      sendPasswordForm(reply, slug, 200);
    } catch (error) {
      limitHeaders.applyTo(reply);
      sendHttpError(reply, error, request.id, this.logger);
    }
  }
}
