/**
 * Holds every response the e2e suites read through http-client.ts to the gateway's OpenAPI
 * document: the operation is found by method and path (a fixed path beats a template, as in
 * Fastify's router), its status must be documented, a JSON body must match its schema and any
 * other body must have a documented media type. A mismatch throws, failing the test that made
 * the request. The document is the one the app serves, built in preview mode (no app started).
 */
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import {
  previewOpenApiDocument,
  previewRoutes,
} from '../../apps/gateway/src/openapi/preview-document';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- a parsed document

interface Operation {
  method: string;
  path: string;
  pattern: RegExp;
  fixedSegments: number;
  responses: Json;
}

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
const validators = new Map<Json, ValidateFunction>();
let operations: Promise<Operation[]> | undefined;
let hiddenRoutes: Promise<RegExp[]> | undefined;

export interface ReceivedResponse {
  method: string;
  url: string;
  status: number;
  contentType: string | null;
  body: unknown;
}

export async function expectDocumentedResponse(response: ReceivedResponse): Promise<void> {
  const { method, url, status } = response;
  const path = new URL(url).pathname;
  const operation = await operationFor(method.toUpperCase(), path);
  const where = `${method} ${path} answered ${status}`;
  if (!operation) {
    if (await isHidden(method, path)) return;
    // A path no route serves: only an error body can answer it.
    if (status >= 400) return expectErrorBody(where, response.body);
    throw new Error(`${where}, but no operation of the API document has this path`);
  }
  const documented = operation.responses[String(status)];
  if (!documented) {
    throw new Error(
      `${where}: not among ${operation.method} ${operation.path}'s documented statuses: ` +
        JSON.stringify(response.body)?.slice(0, 300),
    );
  }
  expectDocumentedContent(where, documented, response);
}

function expectDocumentedContent(
  where: string,
  documented: Json,
  response: ReceivedResponse,
): void {
  const content = documented.content as Json | undefined;
  if (!content || response.method.toUpperCase() === 'HEAD') return;
  const mediaType = response.contentType?.split(';')[0].trim() ?? '';
  const json = content['application/json'];
  if (json && mediaType === 'application/json') return validate(where, json.schema, response.body);
  if (!(mediaType in content)) {
    throw new Error(
      `${where} with ${mediaType || 'no media type'}, documented: ${Object.keys(content).join(', ')}`,
    );
  }
}

function expectErrorBody(where: string, body: unknown): void {
  if (
    typeof body !== 'object' ||
    body === null ||
    !('requestId' in body) ||
    !('statusCode' in body)
  ) {
    throw new Error(`${where} without the API's error body: ${JSON.stringify(body)}`);
  }
}

function validate(where: string, schema: Json, body: unknown): void {
  let validator = validators.get(schema);
  if (!validator) {
    validator = ajv.compile(schema);
    validators.set(schema, validator);
  }
  if (validator(body)) return;
  const problems = ajv.errorsText(validator.errors, { separator: '; ' });
  throw new Error(
    `${where} with a body its documented schema refuses: ${problems}\n${JSON.stringify(body).slice(0, 500)}`,
  );
}

async function operationFor(method: string, path: string): Promise<Operation | undefined> {
  operations ??= previewOpenApiDocument().then(operationsOf);
  const matching = (await operations).filter(
    (operation) => operation.method === method && operation.pattern.test(path),
  );
  return matching.sort((a, b) => b.fixedSegments - a.fixedSegments)[0];
}

/** The schema with each `$ref` to the document's components replaced by the component. */
function resolved(value: unknown, components: Json): unknown {
  if (Array.isArray(value)) return value.map((item) => resolved(item, components));
  if (typeof value !== 'object' || value === null) return value;
  const ref = (value as Json).$ref as string | undefined;
  if (ref?.startsWith('#/components/schemas/')) {
    return components[ref.slice('#/components/schemas/'.length)];
  }
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key, resolved(item, components)]),
  );
}

function operationsOf(document: Json): Operation[] {
  return Object.entries(document.paths as Json).flatMap(([path, methods]) =>
    Object.entries(methods as Json).map(([method, operation]) => ({
      method: method.toUpperCase(),
      path,
      pattern: new RegExp(`^${path.replace(/\{\w+\}/g, '[^/]+')}$`),
      fixedSegments: path.split('/').filter((segment) => segment && !segment.startsWith('{'))
        .length,
      responses: resolved(operation.responses, document.components.schemas) as Json,
    })),
  );
}

/** The routes left out of the document on purpose (the test-only ones). */
async function isHidden(method: string, path: string): Promise<boolean> {
  hiddenRoutes ??= previewRoutes().then((routes) =>
    routes
      .filter((route) => route.hidden)
      .map((route) => new RegExp(`^${route.method} ${route.path.replace(/:\w+/g, '[^/]+')}$`)),
  );
  return (await hiddenRoutes).some((route) => route.test(`${method.toUpperCase()} ${path}`));
}
