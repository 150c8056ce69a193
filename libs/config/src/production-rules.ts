/**
 * Rules that only production enforces: weak or permissive settings that are convenient on a
 * laptop and dangerous in a deployment.
 */
import type { BeaconConfig } from './config-sections';
import { ConfigValidationError } from './config-validation.error';

const MIN_PRODUCTION_SECRET_LENGTH = 32;

/** Development defaults published in this repository (docker-compose.yml): never a real secret. */
export const PUBLIC_PLACEHOLDER_SECRETS: ReadonlySet<string> = new Set([
  'dev-only-insecure-jwt-secret-do-not-use-in-production',
  'dev-only-insecure-metrics-token-do-not-use-in-production',
]);

export function checkProductionRules(config: BeaconConfig): void {
  if (config.env !== 'production') return;
  const problems: string[] = [];
  if (config.auth.jwtSecret.length < MIN_PRODUCTION_SECRET_LENGTH) {
    problems.push(`JWT_SECRET: at least ${MIN_PRODUCTION_SECRET_LENGTH} characters in production`);
  }
  if (PUBLIC_PLACEHOLDER_SECRETS.has(config.auth.jwtSecret)) {
    problems.push('JWT_SECRET: the public development placeholder is refused in production');
  }
  if (config.metrics.enabled && config.metrics.authTokens.length === 0) {
    problems.push('METRICS_AUTH_TOKEN: required in production while METRICS_ENABLED is true');
  }
  if (config.metrics.authTokens.some((token) => token.length < MIN_PRODUCTION_SECRET_LENGTH)) {
    problems.push(
      `METRICS_AUTH_TOKEN: each token at least ${MIN_PRODUCTION_SECRET_LENGTH} characters in production`,
    );
  }
  if (config.metrics.authTokens.some((token) => PUBLIC_PLACEHOLDER_SECRETS.has(token))) {
    problems.push(
      'METRICS_AUTH_TOKEN: the public development placeholder is refused in production',
    );
  }
  if (config.http.allowedOrigins.includes('*')) {
    problems.push('ALLOWED_ORIGINS: a wildcard is refused in production; list the origins');
  }
  const { workerDelayMs, workerFailureRate, aiFailure } = config.demoFaults;
  if (workerDelayMs > 0 || workerFailureRate > 0 || aiFailure) {
    problems.push('DEMO_*: demo faults are refused in production');
  }
  if (problems.length > 0) {
    throw new ConfigValidationError(`Invalid environment: ${problems.join('; ')}`);
  }
}
