import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { linkListQuerySchema } from '../links/link.schemas';
import type { DocumentedRoute } from './documented-route';
import { openApiDocument } from './openapi-document';

const route = (overrides: Partial<DocumentedRoute>): DocumentedRoute => ({
  method: 'GET',
  path: '/api/things/:id',
  operationId: 'Things.get',
  tag: 'Things',
  spec: { summary: 'A thing', responses: { 200: { description: 'The thing' } } },
  hidden: false,
  public: false,
  infrastructure: false,
  ...overrides,
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the test reads into the document
const operationOf = (overrides: Partial<DocumentedRoute>): any => {
  const { paths } = openApiDocument([route(overrides)], '1.0.0');
  return Object.values(paths)[0]?.[(overrides.method ?? 'GET').toLowerCase()];
};

describe('openApiDocument', () => {
  it('takes the body from the route schema: a schema change is a document change', () => {
    const body = z.strictObject({ name: z.string(), size: z.int().optional() });
    const operation = operationOf({ method: 'POST', body });
    expect(operation.requestBody.content['application/json'].schema).toMatchObject({
      properties: { name: { type: 'string' }, size: { type: 'integer' } },
      required: ['name'],
      additionalProperties: false,
    });
    const changed = operationOf({ method: 'POST', body: body.extend({ colour: z.string() }) });
    expect(changed.requestBody.content['application/json'].schema.required).toEqual([
      'name',
      'colour',
    ]);
  });

  it("lists a query's parameters under its preprocessing, a repeatable one as an exploded array", () => {
    const parameters = operationOf({ query: linkListQuerySchema }).parameters;
    expect(parameters.map((parameter: { name: string }) => parameter.name)).toEqual([
      'id',
      'page',
      'limit',
      'tag',
      'q',
    ]);
    expect(parameters[3]).toMatchObject({
      in: 'query',
      required: false,
      explode: true,
      schema: { type: 'array', items: { type: 'string' } },
    });
  });

  it('states who may call: public, token only, token or key with the scope', () => {
    expect(operationOf({ public: true }).security).toEqual([]);
    expect(operationOf({}).security).toEqual([{ accessToken: [] }]);
    expect(operationOf({ scope: 'links:read' }).security).toEqual([
      { accessToken: [] },
      { apiKey: ['links:read'] },
    ]);
    expect(operationOf({ scope: 'stats:read', roles: ['admin'] }).description).toBe(
      'Only for admin accounts. API keys need the `stats:read` scope.',
    );
  });

  it('adds the errors a route can answer by what it is, each with the error body', () => {
    const responses = operationOf({ method: 'POST', body: z.object({}) }).responses;
    expect(Object.keys(responses).sort()).toEqual([
      '200',
      '400',
      '401',
      '403',
      '413',
      '414',
      '415',
      '429',
      '431',
      '500',
      '503',
    ]);
    expect(responses['404']).toBeUndefined();
    expect(responses['401'].content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/Error',
    });
    expect(Object.keys(operationOf({ public: true }).responses)).not.toContain('401');
  });

  it('leaves out hidden routes and routes nobody described', () => {
    expect(operationOf({ hidden: true })).toBeUndefined();
    expect(operationOf({ spec: undefined })).toBeUndefined();
  });
});
