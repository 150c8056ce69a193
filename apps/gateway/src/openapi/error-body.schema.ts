/**
 * The error body every error response carries (@beacon/observability's HttpErrorBody), as the
 * document shows it, and the errors any route may answer whatever it does.
 */
import { z } from 'zod';

export const errorBodySchema = z
  .strictObject({
    statusCode: z.int().min(400).max(599),
    error: z.string().describe('The status name, e.g. "Not Found"'),
    message: z.string(),
    requestId: z.string().describe('Also in the X-Request-Id header; quote it to an operator'),
    fields: z
      .array(z.strictObject({ field: z.string(), message: z.string() }))
      .optional()
      .describe('Validation errors only: each failing field or parameter'),
  })
  .meta({
    examples: [
      {
        statusCode: 400,
        error: 'Bad Request',
        message: 'Validation failed',
        requestId: '0c1f6c1e-4f7e-4b5e-9a38-52a1a3c8f0d2',
        fields: [{ field: 'url', message: 'must use http or https' }],
      },
    ],
  });

export interface RouteTraits {
  public: boolean;
  infrastructure: boolean;
  body: boolean;
  query: boolean;
}

/** Statuses a route answers because of what it is, not what it does. */
export function commonErrors(route: RouteTraits): Record<number, string> {
  // The server's own refusals, below any route: they can answer whatever path was asked for.
  const errors: Record<number, string> = {
    400: 'Malformed request (its line, path or framing)',
    414: 'URL longer than the server takes',
    431: 'Headers larger than the server takes',
    500: 'Unexpected error (details only in the logs, under the request id)',
  };
  if (route.infrastructure) return errors;
  errors[429] = 'Rate limited: the RateLimit and Retry-After headers say when to try again';
  errors[503] = 'MySQL is unavailable (its circuit breaker is open); retry later';
  if (route.body || route.query) errors[400] = 'Invalid input: `fields` names each problem';
  if (route.body) {
    errors[413] = 'Body larger than the route takes';
    errors[415] = 'Body not in the media type the route takes';
  }
  if (!route.public) {
    errors[401] = 'Missing, invalid, expired or revoked access token or API key';
    errors[403] = 'Not allowed: the role, or the API key lacks the scope (named in the message)';
  }
  return errors;
}
