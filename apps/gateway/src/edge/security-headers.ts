/**
 * Helmet's security headers (a strict CSP `default-src 'self'`, HSTS, nosniff, frame and
 * referrer policies) on every response that has something to render: documents and JSON, not
 * redirects. Helmet's middleware rebuilds every header, the CSP string included, on each response;
 * with the default (nonce-free) policy they never change, so they are computed once, at start,
 * by running the middleware against a recording response. A route that sets its own CSP (the
 * console's, stricter) keeps it. A 302 gets none: browsers render
 * nothing of it, and each extra header costs the redirect hot path (docs/benchmarks.md).
 */
import type { FastifyInstance } from 'fastify';
import helmet from 'helmet';
import type { IncomingMessage, ServerResponse } from 'node:http';

export function securityHeaders(): Readonly<Record<string, string>> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader: (name: string, value: string | number) => {
      headers[name.toLowerCase()] = String(value);
    },
    removeHeader: (name: string) => {
      delete headers[name.toLowerCase()];
    },
  };
  helmet()({} as IncomingMessage, recorder as unknown as ServerResponse, () => undefined);
  return headers;
}

export function sendSecurityHeaders(fastify: FastifyInstance): void {
  const headers = securityHeaders();
  fastify.addHook('onSend', (_request, reply, payload, done) => {
    if (reply.statusCode < 300 || reply.statusCode >= 400) {
      const ownPolicy = reply.getHeader('content-security-policy');
      void reply.headers(headers);
      if (ownPolicy !== undefined) void reply.header('content-security-policy', ownPolicy);
    }
    done(null, payload);
  });
}
