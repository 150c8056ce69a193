/** What the redirect route and the unlock form answer with, and the visitor they record. */
import { asksNotToBeTracked } from './privacy-signal';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { linkPasswordForm, PASSWORD_FORM_CONTENT_SECURITY_POLICY } from './link-password-form';
import type { Visitor } from './visit-recorder.service';
import { visitSourceOf, type VisitSource } from './visit-source';

export function visitorOf(request: FastifyRequest): Visitor {
  return {
    ip: request.ip,
    userAgent: request.headers['user-agent'],
    referrer: request.headers.referer,
    source: visitSourceOf(request.query),
    asksNotToBeTracked: asksNotToBeTracked(request.headers),
    requestId: request.id,
  };
}

/** Each visit must reach us to be counted, so browsers and proxies must not cache the answer. */
export function sendRedirect(reply: FastifyReply, target: string): void {
  void reply
    .status(302)
    .header('location', target)
    .header('cache-control', 'private, no-store')
    .send();
}

export function sendPasswordForm(
  reply: FastifyReply,
  slug: string,
  source: VisitSource,
  status: number,
  problem?: string,
): void {
  void reply
    .status(status)
    .header('cache-control', 'private, no-store')
    .header('content-security-policy', PASSWORD_FORM_CONTENT_SECURITY_POLICY)
    .type('text/html; charset=utf-8')
    .send(linkPasswordForm(slug, source, problem));
}
