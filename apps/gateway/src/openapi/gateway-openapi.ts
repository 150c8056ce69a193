/**
 * The gateway's document: the routes of every controller the app holds plus those Fastify
 * serves directly (the redirect). The app serves it at `/openapi.json`; `npm run openapi`
 * writes it to a file; the e2e suites check responses against it.
 */
import { beaconVersion } from '@beacon/observability';
import type { ModulesContainer } from '@nestjs/core';
import { REDIRECT_ROUTES } from '../links/link-redirect.operations';
import { controllerRoutes } from './controller-routes';
import { documentedRoute, type DocumentedRoute } from './documented-route';
import { openApiDocument, type OpenApiDocument } from './openapi-document';

export function gatewayRoutes(container: ModulesContainer): DocumentedRoute[] {
  return [...controllerRoutes(container).map(documentedRoute), ...REDIRECT_ROUTES];
}

export function gatewayOpenApiDocument(container: ModulesContainer): OpenApiDocument {
  return openApiDocument(gatewayRoutes(container), beaconVersion());
}
