/**
 * The apps' pino logger: JSON lines at LOG_LEVEL with `requestId` (from the request context)
 * and, while a span is active, `traceId`/`spanId` (added by the pino instrumentation). Secrets
 * are redacted wherever they appear in a logged object. Pretty output only in development,
 * and only when pino-pretty (a dev dependency) is installed. Writes to stdout asynchronously,
 * off the request path; shutdown flushes them. The e2e suites pass their own destination (a
 * file per suite), so the errors they provoke on purpose stay out of the test run's output.
 */
import type { BeaconConfig } from '@beacon/config';
import pino, { type Logger } from 'pino';
import { currentRequestId } from './request-context';

export const REDACTED = '[redacted]';

const SECRET_KEYS = [
  'authorization',
  'cookie',
  'set-cookie',
  '"x-metrics-token"',
  '"x-api-key"',
  'password',
  'token',
  'accessToken',
  'refreshToken',
  'apiKey',
  'secret',
];

/** Each secret key at the top level, one level down, and inside any `headers` object. */
const REDACTED_PATHS = SECRET_KEYS.flatMap((key) => {
  const member = key.startsWith('"') ? `[${key}]` : `.${key}`;
  return [key.startsWith('"') ? `[${key}]` : key, `*${member}`, `*.headers${member}`];
});

/** Where an app's log lines go instead of stdout (any object with `write(line)`). */
export type LogDestination = pino.DestinationStream;

export function createAppLogger(
  config: BeaconConfig,
  destination: LogDestination = pino.destination({ dest: 1, sync: false }),
): Logger {
  const options: pino.LoggerOptions = {
    level: config.log.level,
    base: { app: config.app },
    messageKey: 'msg',
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: { paths: REDACTED_PATHS, censor: REDACTED },
    mixin: () => {
      const requestId = currentRequestId();
      return requestId === undefined ? {} : { requestId };
    },
  };
  if (config.env === 'development' && prettyPrinterInstalled()) {
    return pino({ ...options, transport: { target: 'pino-pretty' } });
  }
  return pino(options, destination);
}

function prettyPrinterInstalled(): boolean {
  try {
    require.resolve('pino-pretty');
    return true;
  } catch {
    return false;
  }
}
