/**
 * `GET /:slug` → 302 to the target: the hot path. Fixed routes win over it in Fastify's router.
 * The slug is read from the request rather than through `@Param`, which would run the global
 * validation pipe (an extra promise per redirect) for a value the service checks anyway.
 */
import { Public } from '@beacon/auth';
import { Controller, Get, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { LinkRedirectService } from './link-redirect.service';

@Public()
@Controller()
export class LinkRedirectController {
  constructor(private readonly redirects: LinkRedirectService) {}

  @Get(':slug')
  async redirect(
    @Req() request: FastifyRequest<{ Params: { slug: string } }>,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const target = await this.redirects.visit(request.params.slug, {
      ip: request.ip,
      userAgent: request.headers['user-agent'],
      referrer: request.headers.referer,
    });
    // Each visit must reach us to be counted, so browsers and proxies must not cache the 302.
    void reply
      .status(302)
      .header('location', target)
      .header('cache-control', 'private, no-store')
      .send();
  }
}
