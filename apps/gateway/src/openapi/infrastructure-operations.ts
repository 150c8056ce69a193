/**
 * The operations of the routes @beacon/observability serves (probes and scrapes): that lib sits
 * below the gateway and knows nothing of its document, so their descriptions live here, keyed
 * by method and path. The route-coverage test fails if one of them changes path unseen.
 */
import { z } from 'zod';
import type { ApiOperationSpec } from './api-operation.decorator';

const dependencyEntrySchema = z.object({
  status: z.enum(['up', 'down']),
  required: z.boolean().optional(),
  since: z.string().optional(),
  message: z.string().optional(),
  replicas: z.record(z.string(), z.unknown()).optional(),
});

const readinessSchema = z.strictObject({
  status: z.enum(['ok', 'error']),
  info: z.record(z.string(), dependencyEntrySchema),
  error: z.record(z.string(), dependencyEntrySchema),
  details: z.record(z.string(), dependencyEntrySchema),
});

const TAG = 'Operations';

export const INFRASTRUCTURE_OPERATIONS: Record<string, ApiOperationSpec> = {
  'GET /health/live': {
    summary: 'Liveness: the process answers',
    tag: TAG,
    responses: {
      200: { description: 'Alive', schema: z.strictObject({ status: z.literal('ok') }) },
    },
  },
  'GET /health/ready': {
    summary: 'Readiness: what the last dependency checks found',
    description:
      'Never probes per call: reports the state the checks (every HEALTH_CHECK_INTERVAL_MS) ' +
      'left. 503 while MySQL or RabbitMQ is down; optional dependencies never fail it.',
    tag: TAG,
    responses: {
      200: { description: 'Every required dependency is up', schema: readinessSchema },
      503: {
        description: 'A required dependency is down (named in `error`)',
        schema: readinessSchema,
      },
    },
  },
  'GET /metrics': {
    summary: 'Prometheus metrics (text format)',
    description:
      'On the API port unless METRICS_PORT moves it to a port of its own. Needs ' +
      'METRICS_AUTH_TOKEN as a bearer token when it is set.',
    tag: TAG,
    responses: { 200: { description: 'Metrics', mediaTypes: ['text/plain'] } },
    errors: {
      401: 'Missing or wrong metrics token',
      404: 'Not on this port: METRICS_PORT is set, or METRICS_ENABLED=false',
    },
  },
};
