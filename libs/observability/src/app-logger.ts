/**
 * The apps' logger: JSON lines at LOG_LEVEL (pino's level names, mapped onto Nest's). Only
 * the level threshold is configured here; messages never carry secrets or URLs with credentials.
 */
import { ConsoleLogger, type LogLevel } from '@nestjs/common';
import type { BeaconConfig } from '@beacon/config';

const NEST_LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

const THRESHOLD: Record<BeaconConfig['log']['level'], number> = {
  silent: 0,
  fatal: 1,
  error: 2,
  warn: 3,
  info: 4,
  debug: 5,
  trace: 6,
};

export function createAppLogger(config: BeaconConfig): ConsoleLogger {
  return new ConsoleLogger(`beacon-${config.app}`, {
    json: config.env === 'production' || config.env === 'test',
    colors: config.env === 'development',
    logLevels: NEST_LEVELS.slice(0, THRESHOLD[config.log.level]),
  });
}
