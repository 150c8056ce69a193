/**
 * The zod schema of Beacon's environment: every variable of the runtime contract, its default
 * and its rules. Parsing it is the only place where raw strings become typed settings.
 */
import { z } from 'zod';

const port = (fallback: number) =>
  z.coerce
    .number({ error: 'expected a port number' })
    .int('expected a port number')
    .min(1, 'expected a port number from 1 to 65535')
    .max(65535, 'expected a port number from 1 to 65535')
    .default(fallback);

/** A port of a listener that is off unless set: unset, empty or 0 mean none. */
const optionalPort = z.coerce
  .number({ error: 'expected a port number from 1 to 65535, or 0 for none' })
  .int('expected a port number from 1 to 65535, or 0 for none')
  .min(0, 'expected a port number from 1 to 65535, or 0 for none')
  .max(65535, 'expected a port number from 1 to 65535, or 0 for none')
  .default(0)
  .transform((port) => port || undefined);

const positiveInt = (fallback: number) =>
  z.coerce
    .number({ error: 'expected a positive integer' })
    .int('expected a positive integer')
    .positive('expected a positive integer')
    .default(fallback);

/**
 * Token buckets count in integers, a token being RATE_LIMIT_WINDOW_MS units (rate-limits/
 * token-bucket.ts): these bounds keep a bucket's capacity within a double's exact integers.
 */
const MAX_RATE_LIMIT_WINDOW_MS = 3_600_000;
const MAX_RATE_LIMIT_TOKENS = 1_000_000_000;

const tokenCount = (most: number) =>
  z.coerce
    .number({ error: 'expected a positive integer' })
    .int('expected a positive integer')
    .positive('expected a positive integer')
    .max(most, `expected at most ${most}`);

/** A bucket's refill, tokens per window. */
const tokens = (fallback: number, most = MAX_RATE_LIMIT_TOKENS) =>
  tokenCount(most).default(fallback);

/** A bucket's capacity: unset, it equals the refill (beacon-config.ts). */
const capacity = (most = MAX_RATE_LIMIT_TOKENS) => tokenCount(most).optional();

/** A protected link's password bucket holds five times the auth class's tokens. */
const MAX_AUTH_RATE_LIMIT_TOKENS = MAX_RATE_LIMIT_TOKENS / 5;

/** Milliseconds where 0 switches the limit off. */
const millisecondsOrOff = (fallback: number) =>
  z.coerce
    .number({ error: 'expected milliseconds, or 0 for none' })
    .int('expected milliseconds, or 0 for none')
    .min(0, 'expected milliseconds, or 0 for none')
    .default(fallback);

const booleanFlag = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0'], { error: 'expected true or false' })
    .default(fallback ? 'true' : 'false')
    .transform((value) => value === 'true' || value === '1');

const csv = z
  .string()
  .default('')
  .transform((value) =>
    value
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item.length > 0),
  );

/** `host`, `host:port` or `[v6-address]:port`. */
const HOST_PORT = /^(?:\[([0-9A-Fa-f:.]+)\]|([^\s:[\]]+))(?::(\d{1,5}))?$/;

/**
 * Read replicas, `host:port` comma-separated (the port defaults to 3306). Empty: none, every
 * read on the primary.
 */
const replicaHosts = csv.transform((items, context) => {
  const hosts: { host: string; port: number }[] = [];
  for (const item of items) {
    const [, v6, name, port = '3306'] = HOST_PORT.exec(item) ?? [];
    if ((v6 ?? name) === undefined || Number(port) < 1 || Number(port) > 65535) {
      context.addIssue({ code: 'custom', message: `expected host:port, got "${item}"` });
      return z.NEVER;
    }
    hosts.push({ host: v6 ?? name, port: Number(port) });
  }
  return hosts;
});

/** Delays of a message's retries, one per attempt: a CSV of milliseconds, each 50 ms to 1 day. */
const retryDelays = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((value, context) => {
      const delays = value.split(',').map((item) => Number(item.trim()));
      const valid = delays.every(
        (delay) => Number.isInteger(delay) && delay >= 50 && delay <= 86_400_000,
      );
      if (!valid || delays.length > 10) {
        context.addIssue({
          code: 'custom',
          message: 'expected 1 to 10 comma-separated delays in milliseconds, each 50 to 86400000',
        });
        return z.NEVER;
      }
      return delays;
    });

const httpUrl = (fallback: string) =>
  z
    .url({ protocol: /^https?$/, error: 'expected an http(s) URL' })
    .default(fallback)
    .transform((value) => value.replace(/\/+$/, ''));

const optionalUrl = z
  .union([z.literal(''), z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' })])
  .default('')
  .transform((value) => value || undefined);

/** Hop count, CSV of proxy addresses, or false; `true` is refused (it trusts forged headers). */
const trustProxy = z
  .string()
  .default('false')
  .transform((value, ctx) => {
    const trimmed = value.trim();
    if (trimmed === '' || trimmed === 'false') return false;
    if (/^\d+$/.test(trimmed)) return Number(trimmed);
    if (trimmed === 'true') {
      ctx.addIssue({
        code: 'custom',
        message: 'true trusts any forged X-Forwarded-For; give a hop count or proxy addresses',
      });
      return z.NEVER;
    }
    return trimmed.split(',').map((item) => item.trim());
  });

/**
 * One broker URL, or a comma-separated list of a cluster's nodes (tried in this order). Each must
 * be an amqp(s) URL with a host; an error names the bad one by position, without credentials.
 */
const amqpUrls = z
  .string()
  .default('amqp://guest:guest@127.0.0.1:5672')
  .transform((value, context) => {
    const urls = value.split(',').map((url) => url.trim());
    const problems = urls.flatMap((url, index) => {
      const problem = amqpUrlProblem(url);
      return problem ? [`${describeListEntry(url, index, urls.length)} ${problem}`] : [];
    });
    if (problems.length === 0) return urls;
    context.addIssue({ code: 'custom', message: problems.join(', ') });
    return z.NEVER;
  });

function amqpUrlProblem(url: string): string | undefined {
  if (url === '') return 'is empty (a stray comma?)';
  const parsed = URL.parse(url);
  if (!parsed || !/^amqps?:$/.test(parsed.protocol)) return 'is not an amqp:// or amqps:// URL';
  if (!parsed.hostname) return 'has no host';
  return undefined;
}

/** `URL 2 of 3 ("amqp://***@rabbit-b")`: the password never reaches a log line. */
function describeListEntry(url: string, index: number, count: number): string {
  const shown = url === '' ? '' : ` (${JSON.stringify(withoutCredentials(url))})`;
  return count === 1 ? `the URL${shown}` : `URL ${index + 1} of ${count}${shown}`;
}

/** Everything up to the last `@` goes (a password may hold an unencoded `@`), the scheme stays. */
function withoutCredentials(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)?.*@/i, '$1***@');
}

/** Exchange and queue names are built from it, so keep it to characters AMQP names accept. */
const amqpPrefix = z
  .string()
  .regex(/^[A-Za-z0-9_.-]{1,64}$/, 'expected 1-64 letters, digits, dot, dash or underscore')
  .default('beacon');

/** The standard OTEL_TRACES_SAMPLER values (OpenTelemetry's SDK environment specification). */
const tracesSampler = z
  .enum([
    'always_on',
    'always_off',
    'traceidratio',
    'parentbased_always_on',
    'parentbased_always_off',
    'parentbased_traceidratio',
  ])
  .default('parentbased_traceidratio');

/** The ratio of traceidratio samplers; its default depends on NODE_ENV (see beacon-config.ts). */
const samplerRatio = z.coerce
  .number({ error: 'expected a ratio from 0 to 1' })
  .min(0, 'expected a ratio from 0 to 1')
  .max(1, 'expected a ratio from 0 to 1')
  .optional();

export const environmentSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.string().optional(),
  DB_HOST: z.string().min(1).default('127.0.0.1'),
  DB_PORT: port(3306),
  DB_USER: z.string().min(1).default('root'),
  DB_PASSWORD: z.string().default(''),
  DB_NAME: z
    .string()
    .regex(/^[A-Za-z0-9_]{1,64}$/, 'expected 1-64 letters, digits or underscores')
    .default('beacon'),
  DB_REPLICA_HOSTS: replicaHosts,
  DB_REPLICA_USER: z.string().optional(),
  DB_REPLICA_PASSWORD: z.string().optional(),
  DB_REPLICA_MAX_LAG_S: positiveInt(10),
  DB_POOL_SIZE: positiveInt(10).pipe(z.number().max(1_000, 'expected at most 1000')),
  DB_POOL_IDLE_TIMEOUT_MS: positiveInt(60_000),
  DB_POOL_MAX_LIFETIME_MS: millisecondsOrOff(1_800_000),
  DB_CONNECT_TIMEOUT_MS: positiveInt(10_000),
  DB_BREAKER_TIMEOUT_MS: positiveInt(2_000),
  DB_BREAKER_RESET_MS: positiveInt(5_000),
  DB_BREAKER_FAILURE_THRESHOLD: positiveInt(5),
  DB_BREAKER_SUCCESS_THRESHOLD: positiveInt(3),
  AMQP_URL: amqpUrls,
  AMQP_PREFIX: amqpPrefix,
  EVENT_RETRY_DELAYS_MS: retryDelays('1000,5000,30000'),
  EVENT_BUFFER_LIMIT: positiveInt(10_000),
  EVENT_SPILL_LIMIT: positiveInt(50_000),
  VISIT_DELIVERY: z
    .enum(['buffered', 'confirmed'], { error: 'expected buffered or confirmed' })
    .default('confirmed'),
  VISIT_CONFIRM_TIMEOUT_MS: positiveInt(1_000).pipe(
    z.number().max(30_000, 'expected at most 30000'),
  ),
  PRIVACY_HONOUR_GPC: booleanFlag(true),
  VISIT_RETENTION_DAYS: z.coerce
    .number({ error: 'expected days, or 0 to keep raw visits forever' })
    .int('expected whole days')
    .min(0, 'expected days, or 0 to keep raw visits forever')
    .max(36_500, 'expected at most 36500')
    .default(90),
  VISIT_PURGE_INTERVAL_MS: positiveInt(3_600_000),
  GEOIP_DATABASE: z.string().min(1).optional(),
  OUTBOX_POLL_INTERVAL_MS: positiveInt(500),
  WORKER_FLUSH_CONCURRENCY: positiveInt(2).pipe(z.number().max(16, 'expected at most 16')),
  OUTBOX_MAX_EVENTS: positiveInt(2_000_000),
  LIVE_VISITS_REPLAY_MS: positiveInt(300_000).pipe(
    z.number().max(3_600_000, 'expected at most 3600000'),
  ),
  LIVE_VISITS_REPLAY_MAX: positiveInt(200).pipe(z.number().max(10_000, 'expected at most 10000')),
  LIVE_VISITS_HEARTBEAT_MS: positiveInt(15_000),
  LIVE_STREAMS_PER_USER: positiveInt(5).pipe(z.number().max(1_000, 'expected at most 1000')),
  JWT_SECRET: z.string({ error: 'required' }).min(1, 'required'),
  JWT_ACCESS_EXPIRES: z
    .string()
    .regex(/^\d+[smhd]$/, 'expected a duration such as 15m')
    .default('15m'),
  JWT_REFRESH_EXPIRES_DAYS: positiveInt(30),
  ALLOWED_ORIGINS: csv,
  RATE_LIMIT_WINDOW_MS: positiveInt(60_000).pipe(
    z.number().max(MAX_RATE_LIMIT_WINDOW_MS, `expected at most ${MAX_RATE_LIMIT_WINDOW_MS}`),
  ),
  RATE_LIMIT_MAX: tokens(300),
  RATE_LIMIT_BURST: capacity(),
  REDIRECT_RATE_LIMIT_MAX: tokens(3_000),
  REDIRECT_RATE_LIMIT_BURST: capacity(),
  AUTH_RATE_LIMIT_MAX: tokens(10, MAX_AUTH_RATE_LIMIT_TOKENS),
  AUTH_RATE_LIMIT_BURST: capacity(MAX_AUTH_RATE_LIMIT_TOKENS),
  API_KEY_RATE_LIMIT_MAX: tokens(600),
  API_KEY_RATE_LIMIT_BURST: capacity(),
  TRUST_PROXY: trustProxy,
  METRICS_ENABLED: booleanFlag(true),
  CACHE_ENABLED: booleanFlag(true),
  CACHE_TTL_MS: positiveInt(30_000),
  METRICS_AUTH_TOKEN: csv,
  METRICS_PORT: optionalPort,
  PUBLIC_BASE_URL: httpUrl('http://localhost:3333'),
  RUNTIME_CONFIG_FILE: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SHUTDOWN_TIMEOUT_MS: positiveInt(30_000),
  HEALTH_CHECK_INTERVAL_MS: positiveInt(5_000),
  HEALTH_CHECK_TIMEOUT_MS: positiveInt(2_000),
  HEALTH_UNHEALTHY_THRESHOLD: positiveInt(3).pipe(z.number().max(100, 'expected at most 100')),
  HEALTH_HEALTHY_THRESHOLD: positiveInt(2).pipe(z.number().max(100, 'expected at most 100')),
  REDIS_URL: z
    .union([z.literal(''), z.string().regex(/^rediss?:\/\//, 'expected a redis:// URL')])
    .default('')
    .transform((value) => value || undefined),
  AI_PROVIDER_URL: optionalUrl,
  AI_API_KEY: z.string().default(''),
  AI_MODEL: z.string().min(1).max(128).default('gpt-4o-mini'),
  AI_TIMEOUT_MS: positiveInt(2000),
  AI_BREAKER_RESET_MS: positiveInt(30_000),
  AI_BREAKER_FAILURE_THRESHOLD: positiveInt(5),
  AI_BREAKER_SUCCESS_THRESHOLD: positiveInt(3),
  AI_MAX_SOCKETS: positiveInt(16).pipe(z.number().max(1_024, 'expected at most 1024')),
  AI_KEEPALIVE_IDLE_MS: positiveInt(30_000),
  WEBHOOK_ALLOW_PRIVATE: booleanFlag(false),
  WEBHOOK_TIMEOUT_MS: positiveInt(5_000).pipe(z.number().max(60_000, 'expected at most 60000')),
  WEBHOOK_RETRY_DELAYS_MS: retryDelays('10000,60000,300000,1800000,7200000'),
  WEBHOOK_DISABLE_AFTER_MS: positiveInt(86_400_000),
  DEMO_WORKER_DELAY_MS: z.coerce
    .number({ error: 'expected milliseconds' })
    .int('expected milliseconds')
    .min(0, 'expected milliseconds')
    .max(60_000, 'at most 60000')
    .default(0),
  DEMO_WORKER_FAILURE_RATE: z.coerce
    .number({ error: 'expected a share from 0 to 1' })
    .min(0, 'expected a share from 0 to 1')
    .max(1, 'expected a share from 0 to 1')
    .default(0),
  DEMO_AI_FAILURE: booleanFlag(false),
  OTEL_SDK_DISABLED: booleanFlag(false),
  OTEL_EXPORTER_OTLP_ENDPOINT: httpUrl('http://localhost:4318'),
  OTEL_SERVICE_NAME: z.string().max(128).optional(),
  OTEL_TRACES_SAMPLER: tracesSampler,
  OTEL_TRACES_SAMPLER_ARG: samplerRatio,
});

export type Environment = z.infer<typeof environmentSchema>;
