/**
 * `@TakesFormBody()` marks the one kind of route an HTML form may post to (a protected link's
 * password form). Every other route takes JSON only: a form is a "simple" request, which a
 * browser sends cross-site without asking CORS first, so a JSON route that read forms could be
 * driven by any page its user visits.
 */
import { RouteConfig } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Set by `@TakesFormBody()`: the route reads application/x-www-form-urlencoded bodies. */
    takesFormBody?: boolean;
  }
}

export const TakesFormBody = (): MethodDecorator => RouteConfig({ takesFormBody: true });

export function takesFormBody(request: FastifyRequest): boolean {
  return request.routeOptions.config.takesFormBody === true;
}
