/**
 * `POST /:slug`: the password form of a protected link (link-redirect.route.ts shows it) posts
 * `password` (urlencoded) here, which redirects when it is right and shows the form again with
 * 401 when it is not. Password attempts get the strict rate limits, per client IP and per link.
 */
import { Public } from '@beacon/auth';
import { Controller, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ApiOperation, ApiTag } from '../openapi/api-operation.decorator';
import { LinkPasswordAttempt } from '../rate-limits/auth-attempt.decorator';
import { RequestValidationError } from '../errors/domain.error';
import { TakesFormBody } from '../request-bodies/form-body.decorator';
import { LinkPasswordWrongError } from './link.errors';
import { MAX_LINK_PASSWORD_LENGTH } from './link.schemas';
import { sendPasswordForm, sendRedirect, visitorOf } from './link-redirect.replies';
import { LinkRedirectService } from './link-redirect.service';

type SlugRequest = FastifyRequest<{ Params: { slug: string } }>;

const passwordFieldSchema = z
  .string({ error: 'required' })
  .min(1, 'required')
  .max(MAX_LINK_PASSWORD_LENGTH, `at most ${MAX_LINK_PASSWORD_LENGTH} characters`);

@Public()
@ApiTag('Redirects')
@Controller()
export class LinkUnlockController {
  constructor(private readonly redirects: LinkRedirectService) {}

  @Post(':slug')
  @TakesFormBody()
  @LinkPasswordAttempt()
  @ApiOperation({
    summary: "Unlock a password-protected link (its form's post)",
    description:
      'Takes `password` as the form posts it (application/x-www-form-urlencoded) or as JSON. ' +
      'Rate limited per client and per link, as logins are.',
    params: { slug: "The link's slug" },
    rawBody: {
      mediaType: 'application/x-www-form-urlencoded',
      description: '`password=<the link password>`',
    },
    responses: {
      302: { description: 'Right password: to the target, in the Location header' },
      401: { description: 'Wrong password: the form again', mediaTypes: ['text/html'] },
    },
    errors: { 404: 'No link with this slug', 410: 'The link expired or used up its visits' },
  })
  async unlock(@Req() request: SlugRequest, @Res() reply: FastifyReply): Promise<void> {
    const slug = request.params.slug;
    const password = passwordOf(request.body);
    const visitor = visitorOf(request);
    try {
      sendRedirect(reply, await this.redirects.unlock(slug, password, visitor));
    } catch (error) {
      if (!(error instanceof LinkPasswordWrongError)) throw error;
      sendPasswordForm(reply, slug, visitor.source, 401, 'Wrong password. Try again.');
    }
  }
}

/** The form's urlencoded body (request-body-parsers.ts) or a JSON body: `password`. */
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
