/**
 * The document without a running gateway: Nest builds the module graph in preview mode (no
 * provider instantiated, no database or broker reached) and the document is read from it as
 * the app reads it. For `npm run openapi` and the tests. The config only decides which modules
 * exist (NODE_ENV=test adds the hidden test routes), so a fixed one serves; its secret is never
 * used to sign anything.
 */
import { loadConfig } from '@beacon/config';
import { createAppLogger } from '@beacon/observability';
import { ModulesContainer, NestFactory } from '@nestjs/core';
import { GatewayAppModule } from '../app.module';
import { gatewayOpenApiDocument, gatewayRoutes } from './gateway-openapi';
import type { DocumentedRoute } from './documented-route';
import type { OpenApiDocument } from './openapi-document';

const DOCUMENTATION_ENV = { NODE_ENV: 'test', JWT_SECRET: 'preview-only-never-signs-anything' };

async function withPreviewModules<T>(read: (modules: ModulesContainer) => T): Promise<T> {
  const config = loadConfig('gateway', DOCUMENTATION_ENV);
  const context = await NestFactory.createApplicationContext(
    GatewayAppModule.register(config, createAppLogger(config)),
    { preview: true, logger: false },
  );
  try {
    return read(context.get(ModulesContainer));
  } finally {
    await context.close();
  }
}

export const previewOpenApiDocument = (): Promise<OpenApiDocument> =>
  withPreviewModules(gatewayOpenApiDocument);

export const previewRoutes = (): Promise<DocumentedRoute[]> => withPreviewModules(gatewayRoutes);
