/**
 * `GET /:slug` → 302 to the target: the hot path. Fixed routes win over it in Fastify's router.
 * The slug is read from the request rather than through `@Param`, which would run the global
 * validation pipe (an extra promise per redirect) for a value the service checks anyway.
 *
 * A password-protected link answers `GET` with a small HTML form instead; the form posts
 * `password` (urlencoded) to `POST /:slug`, which redirects when it is right and shows the form
 * again with 401 when it is not. Password attempts get the strict rate limits, per client IP and
 * per link.
 */
import { Public } from '@beacon/auth';
import { Controller, Get, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { LinkPasswordAttempt } from '../edge/auth-attempt.decorator';
import { RequestValidationError } from '../errors/domain.error';
import { linkPasswordForm } from './link-password-form';
import { LinkPasswordWrongError } from './link.errors';
import { MAX_LINK_PASSWORD_LENGTH } from './link.schemas';
import { LinkRedirectService, PASSWORD_REQUIRED } from './link-redirect.service';
import type { Visitor } from './visit-recorder.service';

type SlugRequest = FastifyRequest<{ Params: { slug: string } }>;

const passwordFieldSchema = z
  .string({ error: 'required' })
  .min(1, 'required')
  .max(MAX_LINK_PASSWORD_LENGTH, `at most ${MAX_LINK_PASSWORD_LENGTH} characters`);

@Public()
@Controller()
export class LinkRedirectController {
  constructor(private readonly redirects: LinkRedirectService) {}

  @Get(':slug')
  async redirect(@Req() request: SlugRequest, @Res() reply: FastifyReply): Promise<void> {
    const slug = request.params.slug;
    const target = await this.redirects.visit(slug, visitorOf(request));
    if (target === PASSWORD_REQUIRED) return sendPasswordForm(reply, slug, 200);
    sendRedirect(reply, target);
  }

  @Post(':slug')
  @LinkPasswordAttempt()
  async unlock(@Req() request: SlugRequest, @Res() reply: FastifyReply): Promise<void> {
    const slug = request.params.slug;
    const password = passwordOf(request.body);
    try {
      sendRedirect(reply, await this.redirects.unlock(slug, password, visitorOf(request)));
    } catch (error) {
      if (!(error instanceof LinkPasswordWrongError)) throw error;
      sendPasswordForm(reply, slug, 401, 'Wrong password. Try again.');
    }
  }
}

function visitorOf(request: FastifyRequest): Visitor {
  return {
    ip: request.ip,
    userAgent: request.headers['user-agent'],
    referrer: request.headers.referer,
  };
}

/** Each visit must reach us to be counted, so browsers and proxies must not cache the answer. */
function sendRedirect(reply: FastifyReply, target: string): void {
  void reply
    .status(302)
    .header('location', target)
    .header('cache-control', 'private, no-store')
    .send();
}

function sendPasswordForm(
  reply: FastifyReply,
  slug: string,
  status: number,
  problem?: string,
): void {
  void reply
    .status(status)
    .header('cache-control', 'private, no-store')
    .type('text/html; charset=utf-8')
    .send(linkPasswordForm(slug, problem));
}

/** The form's urlencoded body (parsed by Nest's Fastify adapter) or a JSON body: `password`. */
function passwordOf(body: unknown): string {
  const parsed = passwordFieldSchema.safeParse(
    (body as { password?: unknown } | undefined)?.password,
  );
  if (!parsed.success) {
    throw new RequestValidationError([
      { field: 'password', message: parsed.error.issues[0].message },
    ]);
  }
  return parsed.data;
}
