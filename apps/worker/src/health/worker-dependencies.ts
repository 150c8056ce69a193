/**
 * What the worker's readiness checks: MySQL and RabbitMQ (required), and the AI provider where
 * configured (optional: enrichment falls back to the local classifiers).
 */
import { BEACON_CONFIG, type BeaconConfig } from '@beacon/config';
import { mysqlProbe } from '@beacon/database';
import { rabbitProbe, RabbitConnection } from '@beacon/messaging';
import type { DependencyProbe } from '@beacon/observability';
import { DataSource } from 'typeorm';
import { aiProviderProbe } from '../enrichment/ai-provider.probe';

export const workerDependencies = {
  inject: [BEACON_CONFIG, DataSource, RabbitConnection],
  useFactory: (
    { ai }: BeaconConfig,
    dataSource: DataSource,
    rabbit: RabbitConnection,
  ): DependencyProbe[] => [
    mysqlProbe('mysql', dataSource, true),
    rabbitProbe(rabbit),
    ...(ai.providerUrl ? [aiProviderProbe(ai.providerUrl, ai)] : []),
  ],
};
