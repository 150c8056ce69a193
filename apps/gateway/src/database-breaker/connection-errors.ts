/** Driver errors that mean MySQL cannot be reached, rather than a query of ours being wrong. */
const CONNECTION_ERRORS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'ER_CON_COUNT_ERROR',
]);

export function isConnectionError(error: unknown): boolean {
  const { code, driverError } = error as { code?: string; driverError?: { code?: string } };
  return CONNECTION_ERRORS.has(code ?? '') || CONNECTION_ERRORS.has(driverError?.code ?? '');
}
