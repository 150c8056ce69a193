/**
 * The redirect's entries in the OpenAPI document. The route is Fastify's own, not a
 * controller's (link-redirect.route.ts says why), so it states here what a controller's
 * metadata would: public, no body, the `redirect` rate-limit class.
 */
import type { ApiOperationSpec } from '../openapi/api-operation.decorator';
import type { DocumentedRoute } from '../openapi/documented-route';

const redirectSpec: ApiOperationSpec = {
  summary: 'Follow a short link',
  description:
    "Redirects to the link's target and counts the visit. A password-protected link answers " +
    'an HTML form instead, which posts the password to POST /{slug}. `?qr=1` marks a visit as a ' +
    'QR scan (the QR code carries it). Rate limited per client in the `redirect` class.',
  tag: 'Redirects',
  params: { slug: "The short link's slug (case-sensitive)" },
  responses: {
    200: { description: 'The password form (HTML)', mediaTypes: ['text/html'] },
    302: { description: 'To the target, in the Location header' },
  },
  errors: {
    404: 'No link with this slug',
    410: 'The link expired or used up its visits',
  },
};

const redirectRoute = (method: string): DocumentedRoute => ({
  method,
  path: '/:slug',
  operationId: `Redirect.${method.toLowerCase()}`,
  tag: 'Redirects',
  spec: redirectSpec,
  hidden: false,
  public: true,
  infrastructure: false,
});

export const REDIRECT_ROUTES: DocumentedRoute[] = [redirectRoute('GET'), redirectRoute('HEAD')];
