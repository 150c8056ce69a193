/**
 * Rules that only production enforces: weak or permissive settings that are convenient on a
 * laptop and dangerous in a deployment.
 */
import type { BeaconConfig } from './beacon-config';
import { ConfigValidationError } from './config-validation.error';

const MIN_PRODUCTION_SECRET_LENGTH = 32;

export function checkProductionRules(config: BeaconConfig): void {
  if (config.env !== 'production') return;
  const problems: string[] = [];
  if (config.auth.jwtSecret.length < MIN_PRODUCTION_SECRET_LENGTH) {
    problems.push(`JWT_SECRET: at least ${MIN_PRODUCTION_SECRET_LENGTH} characters in production`);
  }
  if (config.http.allowedOrigins.includes('*')) {
    problems.push('ALLOWED_ORIGINS: a wildcard is refused in production; list the origins');
  }
  if (problems.length > 0) {
    throw new ConfigValidationError(`Invalid environment: ${problems.join('; ')}`);
  }
}
