/**
 * What a reload reports: the reloadable variables it changed (names only, never values: some
 * are secrets), and a short hash of the reloadable settings in force, exported as
 * `config_info{hash}` so that replicas running different settings stand out. The hash covers
 * the effective values (defaults included), so the same settings give the same hash whether
 * they came from the environment or the file.
 */
import { createHash } from 'node:crypto';
import type { EnvironmentSource } from '../beacon-config';
import type { BeaconConfig } from '../config-sections';
import { RELOADABLE_KEYS } from './reloadable-keys';

export function changedReloadableKeys(
  before: EnvironmentSource,
  after: EnvironmentSource,
): string[] {
  return [...RELOADABLE_KEYS].filter((key) => before[key] !== after[key]);
}

export function reloadableHash(config: BeaconConfig): string {
  const { rateLimit, databaseBreaker, demoFaults, log, metrics, http } = config;
  const ai = { ...config.ai, apiKey: undefined };
  const inForce = {
    rateLimit,
    databaseBreaker,
    ai,
    demoFaults,
    logLevel: log.level,
    metricsTokens: metrics.authTokens,
    allowedOrigins: http.allowedOrigins,
  };
  return createHash('sha256').update(JSON.stringify(inForce)).digest('hex').slice(0, 12);
}
