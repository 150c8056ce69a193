/** The readiness probe of the broker (required): a channel opened on the app's live connection. */
import type { DependencyProbe } from '@beacon/observability';
import type { RabbitConnection } from './rabbit-connection';

export function rabbitProbe(connection: RabbitConnection): DependencyProbe {
  return {
    dependency: 'rabbitmq',
    required: true,
    check: (signal) => connection.roundTrip(signal),
  };
}
