/**
 * Entry-point helper: a bad environment stops the process with one clear line on stderr
 * (no stack trace, nothing secret) and exit code 1.
 */
import { loadConfig } from './beacon-config';
import type { AppName, BeaconConfig } from './config-sections';
import { ConfigValidationError } from './config-validation.error';

export function loadConfigOrExit(app: AppName): BeaconConfig {
  try {
    return loadConfig(app);
  } catch (error) {
    if (!(error instanceof ConfigValidationError)) throw error;
    process.stderr.write(`${app}: ${error.message}\n`);
    process.exit(1);
  }
}
