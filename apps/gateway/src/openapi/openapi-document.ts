/**
 * The OpenAPI 3.1 document of the gateway, built from its routes: paths and methods from the
 * routes, request bodies and query parameters from the zod schemas the routes validate with,
 * responses from each `@ApiOperation`, security from `@Public`/`@RequiresScope`/`@Roles`. A
 * change to a schema is a change to the document; nothing is written twice.
 */
import type { ApiOperationSpec, ApiResponseSpec } from './api-operation.decorator';
import type { DocumentedRoute } from './documented-route';
import { commonErrors, errorBodySchema } from './error-body.schema';
import { jsonSchemaOf, queryObjectOf, type JsonSchema } from './json-schema';
import { SECURITY_SCHEMES, securityOf, accessNote } from './security';

export type OpenApiDocument = Record<string, unknown> & {
  paths: Record<string, Record<string, JsonSchema>>;
};

const JSON_MEDIA_TYPE = 'application/json';
/** Every error body is the one shape, stated once. */
const ERROR_REF = { $ref: '#/components/schemas/Error' };

export function openApiDocument(routes: DocumentedRoute[], version: string): OpenApiDocument {
  const paths: OpenApiDocument['paths'] = {};
  for (const route of routes) {
    if (route.hidden || !route.spec) continue;
    const path = openApiPath(route.path);
    paths[path] = { ...paths[path], [route.method.toLowerCase()]: operationOf(route, route.spec) };
  }
  return {
    openapi: '3.1.1',
    info: {
      title: 'Beacon API',
      version,
      description:
        'Short links with redirects, their stats, API keys and a product catalog. Errors share one ' +
        'body (statusCode, error, message, requestId, and fields for invalid input).',
    },
    paths,
    components: {
      schemas: { Error: jsonSchemaOf(errorBodySchema, 'output') },
      securitySchemes: SECURITY_SCHEMES,
    },
  };
}

/** `/api/links/:slug` → `/api/links/{slug}`. */
export function openApiPath(path: string): string {
  return path.replace(/:(\w+)/g, '{$1}');
}

function operationOf(route: DocumentedRoute, spec: ApiOperationSpec): JsonSchema {
  const description = [spec.description, accessNote(route)].filter(Boolean).join('\n\n');
  return {
    operationId: route.operationId,
    summary: spec.summary,
    ...(description ? { description } : {}),
    tags: [spec.tag ?? route.tag],
    security: securityOf(route),
    parameters: [...pathParameters(route, spec), ...queryParameters(route)],
    ...requestBodyOf(route, spec),
    responses: responsesOf(route, spec),
  };
}

function pathParameters(route: DocumentedRoute, spec: ApiOperationSpec): JsonSchema[] {
  return [...route.path.matchAll(/:(\w+)/g)].map(([, name]) => ({
    name,
    in: 'path',
    required: true,
    ...(spec.params?.[name] ? { description: spec.params[name] } : {}),
    schema: { type: 'string' },
  }));
}

function queryParameters(route: DocumentedRoute): JsonSchema[] {
  const object = route.query && queryObjectOf(route.query);
  if (!object) return [];
  const converted = jsonSchemaOf(object, 'input');
  const properties = (converted.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((converted.required ?? []) as string[]);
  return Object.entries(properties).map(([name, schema]) => ({
    name,
    in: 'query',
    required: required.has(name),
    ...(schema.type === 'array' ? { style: 'form', explode: true } : {}),
    schema,
  }));
}

function requestBodyOf(route: DocumentedRoute, spec: ApiOperationSpec): JsonSchema {
  if (spec.rawBody) {
    const { mediaType, description } = spec.rawBody;
    return { requestBody: { required: true, description, content: { [mediaType]: {} } } };
  }
  if (!route.body) return {};
  const media = {
    schema: jsonSchemaOf(route.body, 'input'),
    ...(spec.bodyExample === undefined ? {} : { example: spec.bodyExample }),
  };
  return { requestBody: { required: true, content: { [JSON_MEDIA_TYPE]: media } } };
}

function responsesOf(route: DocumentedRoute, spec: ApiOperationSpec): JsonSchema {
  const responses: JsonSchema = {};
  for (const [status, response] of Object.entries(spec.responses)) {
    responses[status] = responseOf(response);
  }
  const errors = {
    ...commonErrors({ ...route, body: !!route.body || !!spec.rawBody, query: !!route.query }),
    ...spec.errors,
  };
  for (const [status, description] of Object.entries(errors)) {
    responses[status] ??= { description, content: { [JSON_MEDIA_TYPE]: { schema: ERROR_REF } } };
  }
  return responses;
}

function responseOf(response: ApiResponseSpec): JsonSchema {
  const { description, schema, mediaTypes } = response;
  if (mediaTypes) {
    return { description, content: Object.fromEntries(mediaTypes.map((type) => [type, {}])) };
  }
  if (!schema) return { description };
  const media = { schema: jsonSchemaOf(schema, 'output') };
  return { description, content: { [JSON_MEDIA_TYPE]: media } };
}
