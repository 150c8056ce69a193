/**
 * `@ApiOperation({...})` describes a route for the OpenAPI document: its summary, its success
 * responses with their zod schemas, and the errors of its own domain (404, 409...). What the
 * route already declares is read from where it is declared, never repeated here: the path and
 * method (Nest's), the body and query schemas (`@Body({ schema })`, `@Query({ schema })`), the
 * authentication (`@Public`, `@RequiresScope`, `@Roles`). `@ApiHidden()` leaves a route out
 * (the test-only routes); the route-coverage test knows it was left out on purpose.
 */
import { SetMetadata } from '@nestjs/common';
import type { z } from 'zod';

export interface ApiResponseSpec {
  description: string;
  /** The JSON body's schema; omit for a response without a body. */
  schema?: z.ZodType;
  /** A body that is not JSON (CSV, an image, HTML): its media types. */
  mediaTypes?: string[];
}

export interface ApiOperationSpec {
  summary: string;
  description?: string;
  /** Groups operations in the docs; defaults to the controller's `@ApiTag`. */
  tag?: string;
  /** Success responses by status. */
  responses: Record<number, ApiResponseSpec>;
  /** Errors this route answers beyond those every route can (see common-errors.ts). */
  errors?: Record<number, string>;
  /** Path parameters' descriptions (each is a string). */
  params?: Record<string, string>;
  /** A request body that is not JSON (the CSV import): its media type and description. */
  rawBody?: { mediaType: string; description: string };
  /** An example of the JSON request body. */
  bodyExample?: unknown;
}

export const API_OPERATION = 'beacon:api-operation';
export const API_HIDDEN = 'beacon:api-hidden';
export const API_TAG = 'beacon:api-tag';

export const ApiOperation = (spec: ApiOperationSpec): MethodDecorator =>
  SetMetadata(API_OPERATION, spec);

export const ApiHidden = (): ClassDecorator & MethodDecorator => SetMetadata(API_HIDDEN, true);

export const ApiTag = (name: string): ClassDecorator => SetMetadata(API_TAG, name);
