/** `GET /:slug` → 302 to the target. Registered last, so every fixed route wins over it. */
import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { LinkRedirectService } from './link-redirect.service';

@Controller()
export class LinkRedirectController {
  constructor(private readonly redirects: LinkRedirectService) {}

  @Get(':slug')
  async redirect(
    @Param('slug') slug: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const target = await this.redirects.visit(slug, {
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
