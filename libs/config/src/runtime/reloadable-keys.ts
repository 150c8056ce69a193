/**
 * The variables a running app takes from RUNTIME_CONFIG_FILE without a restart: limits, CORS,
 * logging, the metrics tokens, breakers, the AI provider's timeout and the demo faults. Each is
 * read by its consumer at the moment of use (or re-applied by a listener), so a reload needs no
 * new connection, listener or module. Anything else (ports, URLs, credentials, pools) changes
 * what the process is wired to, and needs a restart.
 */
export const RELOADABLE_KEYS: ReadonlySet<string> = new Set([
  'RATE_LIMIT_WINDOW_MS',
  'RATE_LIMIT_MAX',
  'RATE_LIMIT_BURST',
  'REDIRECT_RATE_LIMIT_MAX',
  'REDIRECT_RATE_LIMIT_BURST',
  'AUTH_RATE_LIMIT_MAX',
  'AUTH_RATE_LIMIT_BURST',
  'API_KEY_RATE_LIMIT_MAX',
  'API_KEY_RATE_LIMIT_BURST',
  'ALLOWED_ORIGINS',
  'LOG_LEVEL',
  'METRICS_AUTH_TOKEN',
  'DB_BREAKER_TIMEOUT_MS',
  'DB_BREAKER_RESET_MS',
  'DB_BREAKER_FAILURE_THRESHOLD',
  'DB_BREAKER_SUCCESS_THRESHOLD',
  'AI_TIMEOUT_MS',
  'AI_BREAKER_RESET_MS',
  'AI_BREAKER_FAILURE_THRESHOLD',
  'AI_BREAKER_SUCCESS_THRESHOLD',
  'DEMO_WORKER_DELAY_MS',
  'DEMO_WORKER_FAILURE_RATE',
  'DEMO_AI_FAILURE',
]);
