/** zod schema of `POST /api/keys`; the validation pipe names each failing field. */
import { API_KEY_SCOPES } from '@beacon/database';
import { z } from 'zod';
import { jsonBody } from '../validation/json-body';

const MAX_NAME_LENGTH = 100;

/**
 * Managing keys is never a key's scope: a key that could make keys could outlive its own
 * revocation. The keys routes need an access token.
 */
const NEVER_GRANTED = 'keys';

const scopeSchema = z.enum(API_KEY_SCOPES, {
  error: (issue) =>
    issue.input === NEVER_GRANTED
      ? 'keys is never granted to an API key: managing keys needs an access token'
      : `must be one of ${API_KEY_SCOPES.join(', ')}`,
});

export const createApiKeySchema = jsonBody({
  name: z
    .string({ error: 'required, a string' })
    .trim()
    .min(1, 'required')
    .max(MAX_NAME_LENGTH, `at most ${MAX_NAME_LENGTH} characters`),
  scopes: z
    .array(scopeSchema, { error: 'required, an array of scopes' })
    .min(1, 'at least one scope')
    .refine((scopes) => new Set(scopes).size === scopes.length, 'must not repeat a scope'),
  expiresAt: z.iso
    .datetime({ offset: true, error: 'must be an ISO 8601 date-time, e.g. 2030-01-01T00:00:00Z' })
    .transform((value) => new Date(value))
    .refine((date) => date.getTime() > Date.now(), 'must be in the future')
    .optional(),
});

export type CreateApiKeyInput = z.infer<typeof createApiKeySchema>;
