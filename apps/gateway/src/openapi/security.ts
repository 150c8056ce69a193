/**
 * How the document states who may call a route: an access token (`Authorization: Bearer`), an
 * API key (`X-Api-Key`) holding the route's scope, or nobody in particular (public). The scopes
 * of an API key are listed in the security requirement, as OpenAPI 3.1 allows for any scheme.
 */
import type { DocumentedRoute } from './documented-route';
import type { JsonSchema } from './json-schema';

export const SECURITY_SCHEMES = {
  accessToken: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: 'From POST /auth/login or /auth/register; expires after 15 minutes by default.',
  },
  apiKey: {
    type: 'apiKey',
    in: 'header',
    name: 'X-Api-Key',
    description:
      'From POST /api/keys; acts as its owner within its scopes (links:read, links:write, ' +
      'stats:read, products:write).',
  },
  metricsToken: {
    type: 'http',
    scheme: 'bearer',
    description: 'METRICS_AUTH_TOKEN (Prometheus scrapes); no token is asked when it is unset.',
  },
};

export function securityOf(route: DocumentedRoute): JsonSchema[] {
  if (route.path === '/metrics') return [{ metricsToken: [] }, {}];
  if (route.public || route.infrastructure) return [];
  const withToken = { accessToken: [] };
  return route.scope ? [withToken, { apiKey: [route.scope] }] : [withToken];
}

/** Who may call it, in words, for the operation's description. */
export function accessNote(route: DocumentedRoute): string | undefined {
  if (route.public || route.infrastructure) return undefined;
  const role = route.roles?.length ? `Only for ${route.roles.join(' or ')} accounts. ` : '';
  const key = route.scope
    ? `API keys need the \`${route.scope}\` scope.`
    : 'Access tokens only: API keys get 403.';
  return `${role}${key}`;
}
