/**
 * Turns Standard Schema (zod) issues into a RequestValidationError that names every field,
 * for Nest's StandardSchemaValidationPipe.
 */
import type { StandardSchemaV1 } from '@standard-schema/spec';
import { RequestValidationError } from './domain.error';

export function validationExceptionFactory(
  issues: readonly StandardSchemaV1.Issue[],
): RequestValidationError {
  return new RequestValidationError(
    issues.map((issue) => ({
      field:
        issue.path
          ?.map((segment) => String(typeof segment === 'object' ? segment.key : segment))
          .join('.') || '(body)',
      message: issue.message,
    })),
  );
}
