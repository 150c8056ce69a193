import { describe, expect, it } from 'vitest';
import { loadConfig, loadDatabaseConfig } from './beacon-config';
import { ConfigValidationError } from './config-validation.error';

const minimal = { JWT_SECRET: 'a-development-secret' };

describe('loadConfig', () => {
  it('applies the documented defaults when only JWT_SECRET is set', () => {
    const config = loadConfig('gateway', minimal);
    expect(config.http.port).toBe(3333);
    expect(config.database).toEqual({
      host: '127.0.0.1',
      port: 3306,
      user: 'root',
      password: '',
      name: 'beacon',
      pool: { size: 10, idleTimeoutMs: 60_000, maxLifetimeMs: 1_800_000, connectTimeoutMs: 10_000 },
    });
    expect(config.ai.agent).toEqual({ maxSockets: 16, keepAliveIdleMs: 30_000 });
    expect(config.rabbitmq).toEqual({
      urls: ['amqp://guest:guest@127.0.0.1:5672'],
      prefix: 'beacon',
      retryDelaysMs: [1000, 5000, 30000],
      webhookRetryDelaysMs: [10_000, 60_000, 300_000, 1_800_000, 7_200_000],
      publishBufferLimit: 10_000,
      spillLimit: 50_000,
    });
    expect(config.webhooks).toEqual({
      allowPrivate: false,
      timeoutMs: 5_000,
      disableAfterMs: 86_400_000,
    });
    expect(config.http.publicBaseUrl).toBe('http://localhost:3333');
    expect(config.http.trustProxy).toBe(false);
    expect(config.metrics).toEqual({ enabled: true, authTokens: [], port: undefined });
    expect(config.shutdown.timeoutMs).toBe(30_000);
    expect(config.outbox).toEqual({ pollIntervalMs: 500, maxEvents: 2_000_000 });
    expect(config.analytics.flushConcurrency).toBe(2);
  });

  it('reads the webhook settings and bounds their timeout', () => {
    const config = loadConfig('worker', {
      ...minimal,
      WEBHOOK_ALLOW_PRIVATE: 'true',
      WEBHOOK_TIMEOUT_MS: '1500',
      WEBHOOK_RETRY_DELAYS_MS: '200,400',
      WEBHOOK_DISABLE_AFTER_MS: '3600000',
    });
    expect(config.webhooks).toEqual({
      allowPrivate: true,
      timeoutMs: 1_500,
      disableAfterMs: 3_600_000,
    });
    expect(config.rabbitmq.webhookRetryDelaysMs).toEqual([200, 400]);
    const load = (env: Record<string, string>) => () =>
      loadConfig('worker', { ...minimal, ...env });
    expect(load({ WEBHOOK_TIMEOUT_MS: '60001' })).toThrow(/WEBHOOK_TIMEOUT_MS: expected at most/);
    expect(load({ WEBHOOK_ALLOW_PRIVATE: 'yes' })).toThrow(/WEBHOOK_ALLOW_PRIVATE/);
    expect(load({ WEBHOOK_RETRY_DELAYS_MS: '10' })).toThrow(/WEBHOOK_RETRY_DELAYS_MS/);
  });

  it('takes 1 to 16 concurrent analytics flushes', () => {
    const concurrency = (value: string) =>
      loadConfig('worker', { ...minimal, WORKER_FLUSH_CONCURRENCY: value }).analytics
        .flushConcurrency;
    expect(concurrency('4')).toBe(4);
    expect(() => concurrency('0')).toThrow(/WORKER_FLUSH_CONCURRENCY/);
    expect(() => concurrency('17')).toThrow(/WORKER_FLUSH_CONCURRENCY/);
  });

  it('gives each rate-limit class a burst of its own refill unless the BURST says otherwise', () => {
    expect(loadConfig('gateway', minimal).rateLimit).toEqual({
      windowMs: 60_000,
      api: { max: 300, burst: 300 },
      redirect: { max: 3_000, burst: 3_000 },
      auth: { max: 10, burst: 10 },
      key: { max: 600, burst: 600 },
    });
    const rateLimit = loadConfig('gateway', {
      ...minimal,
      RATE_LIMIT_MAX: '60',
      RATE_LIMIT_BURST: '20',
      REDIRECT_RATE_LIMIT_MAX: '600',
      AUTH_RATE_LIMIT_MAX: '5',
      AUTH_RATE_LIMIT_BURST: '2',
      API_KEY_RATE_LIMIT_MAX: '120',
    }).rateLimit;
    expect(rateLimit.api).toEqual({ max: 60, burst: 20 });
    expect(rateLimit.redirect).toEqual({ max: 600, burst: 600 });
    expect(rateLimit.auth).toEqual({ max: 5, burst: 2 });
    expect(rateLimit.key).toEqual({ max: 120, burst: 120 });
  });

  it('bounds the rate limits so that a bucket counts in exact integers', () => {
    const load = (env: Record<string, string>) => () =>
      loadConfig('gateway', { ...minimal, ...env });
    expect(
      load({ RATE_LIMIT_WINDOW_MS: '3600000', REDIRECT_RATE_LIMIT_BURST: '1000000000' }),
    ).not.toThrow();
    expect(load({ RATE_LIMIT_WINDOW_MS: '3600001' })).toThrow(
      /RATE_LIMIT_WINDOW_MS: expected at most/,
    );
    expect(load({ REDIRECT_RATE_LIMIT_BURST: '1000000001' })).toThrow(
      /REDIRECT_RATE_LIMIT_BURST: expected at most/,
    );
    expect(load({ AUTH_RATE_LIMIT_BURST: '0' })).toThrow(/AUTH_RATE_LIMIT_BURST/);
    expect(load({ AUTH_RATE_LIMIT_MAX: '200000001' })).toThrow(/AUTH_RATE_LIMIT_MAX/);
  });

  it('gives the worker its own default port', () => {
    expect(loadConfig('worker', minimal).http.port).toBe(3334);
  });

  it('serves /metrics on the main port unless METRICS_PORT names another one', () => {
    const metricsPort = (value: string) =>
      loadConfig('gateway', { ...minimal, METRICS_PORT: value }).metrics.port;
    expect(metricsPort('9464')).toBe(9464);
    expect(metricsPort('65535')).toBe(65535);
    expect(metricsPort('0')).toBeUndefined();
    expect(metricsPort('')).toBeUndefined();
    for (const bad of ['metrics', '-1', '65536', '94.64']) {
      expect(() => metricsPort(bad)).toThrow(/^Invalid environment: METRICS_PORT: expected a port/);
    }
  });

  it('refuses a METRICS_PORT equal to the app port, its default included', () => {
    const load = (app: 'gateway' | 'worker', env: Record<string, string>) => () =>
      loadConfig(app, { ...minimal, ...env });
    const sameAsPort = 'Invalid environment: METRICS_PORT: must differ from PORT (both are 9000)';
    expect(load('gateway', { PORT: '9000', METRICS_PORT: '9000' })).toThrow(ConfigValidationError);
    expect(load('gateway', { PORT: '9000', METRICS_PORT: '9000' })).toThrow(sameAsPort);
    expect(load('worker', { METRICS_PORT: '3334' })).toThrow(/both are 3334/);
    expect(load('gateway', { METRICS_PORT: '3334' })().metrics.port).toBe(3334);
    // PORT=0 lets the system pick the main port, which never collides with a fixed one.
    expect(load('gateway', { PORT: '0', METRICS_PORT: '9464' })().metrics.port).toBe(9464);
  });

  it('checks dependencies every 5 s by default, with a timeout below the interval', () => {
    const health = (env: Record<string, string> = {}) =>
      loadConfig('gateway', { ...minimal, ...env }).health;
    expect(health()).toEqual({
      intervalMs: 5_000,
      timeoutMs: 2_000,
      unhealthyThreshold: 3,
      healthyThreshold: 2,
    });
    expect(health({ HEALTH_CHECK_INTERVAL_MS: '200', HEALTH_CHECK_TIMEOUT_MS: '150' })).toEqual(
      expect.objectContaining({ intervalMs: 200, timeoutMs: 150 }),
    );
    expect(() => health({ HEALTH_CHECK_TIMEOUT_MS: '5000' })).toThrow(
      'Invalid environment: HEALTH_CHECK_TIMEOUT_MS: must be below HEALTH_CHECK_INTERVAL_MS (5000 >= 5000)',
    );
    expect(() => health({ HEALTH_UNHEALTHY_THRESHOLD: '0' })).toThrow(
      /HEALTH_UNHEALTHY_THRESHOLD: expected a positive integer/,
    );
    expect(() => health({ HEALTH_HEALTHY_THRESHOLD: '101' })).toThrow(
      /HEALTH_HEALTHY_THRESHOLD: expected at most 100/,
    );
  });

  it('reads token lifetimes: JWT_ACCESS_EXPIRES in seconds, refresh tokens in days', () => {
    expect(loadConfig('gateway', minimal).auth).toMatchObject({
      accessTtlSeconds: 900,
      refreshExpiresDays: 30,
    });
    const lifetimes = ['30s', '2h', '1d'].map(
      (value) =>
        loadConfig('gateway', { ...minimal, JWT_ACCESS_EXPIRES: value }).auth.accessTtlSeconds,
    );
    expect(lifetimes).toEqual([30, 7_200, 86_400]);
    expect(() => loadConfig('gateway', { ...minimal, JWT_ACCESS_EXPIRES: '15 minutes' })).toThrow(
      /JWT_ACCESS_EXPIRES: expected a duration such as 15m/,
    );
  });

  it('names the missing variable', () => {
    expect(() => loadConfig('gateway', {})).toThrow(/JWT_SECRET: required/);
  });

  it.each([
    ['PORT', 'http', /PORT: expected a port number/],
    ['DB_PORT', '70000', /DB_PORT: expected a port number/],
    ['AMQP_URL', 'http://rabbit', /AMQP_URL: the URL \("http:\/\/rabbit"\) is not an amqp:\/\//],
    ['AMQP_PREFIX', 'bad prefix!', /AMQP_PREFIX/],
    ['DB_NAME', 'beacon;drop', /DB_NAME/],
    ['METRICS_ENABLED', 'yes', /METRICS_ENABLED: expected true or false/],
    ['PUBLIC_BASE_URL', 'ftp://example.com', /PUBLIC_BASE_URL: expected an http\(s\) URL/],
    ['TRUST_PROXY', 'true', /TRUST_PROXY: true trusts any forged/],
    ['LOG_LEVEL', 'loud', /LOG_LEVEL/],
  ])('rejects a bad %s with one line naming it', (name, value, message) => {
    const load = () => loadConfig('gateway', { ...minimal, [name]: value });
    expect(load).toThrow(ConfigValidationError);
    expect(load).toThrow(message);
    expect(() => load()).not.toThrow(/\n/);
  });

  it('parses CSV lists and proxy settings', () => {
    const config = loadConfig('gateway', {
      ...minimal,
      ALLOWED_ORIGINS: 'https://a.example, https://b.example',
      METRICS_AUTH_TOKEN: 'old,new',
      TRUST_PROXY: '10.0.0.1, 10.0.0.2',
    });
    expect(config.http.allowedOrigins).toEqual(['https://a.example', 'https://b.example']);
    expect(config.metrics.authTokens).toEqual(['old', 'new']);
    expect(config.http.trustProxy).toEqual(['10.0.0.1', '10.0.0.2']);
    expect(loadConfig('gateway', { ...minimal, TRUST_PROXY: '2' }).http.trustProxy).toBe(2);
  });

  it("reads AMQP_URL as one broker or a cluster's nodes, in order", () => {
    const urls = (value: string) =>
      loadConfig('worker', { ...minimal, AMQP_URL: value }).rabbitmq.urls;
    expect(urls('amqps://u:p@rabbit:5671')).toEqual(['amqps://u:p@rabbit:5671']);
    expect(urls('amqp://u:p@rabbit-a, amqp://u:p@rabbit-b:5673,amqp://u:p@rabbit-c')).toEqual([
      'amqp://u:p@rabbit-a',
      'amqp://u:p@rabbit-b:5673',
      'amqp://u:p@rabbit-c',
    ]);
  });

  it.each([
    [
      'amqp://u:p@a,http://u:hunter2@b',
      /AMQP_URL: URL 2 of 2 \("http:\/\/\*\*\*@b"\) is not an amqp/,
    ],
    ['amqp://u:p@a,,amqp://u:p@c', /AMQP_URL: URL 2 of 3 is empty/],
    ['amqp://u:p@a,amqp://', /AMQP_URL: URL 2 of 2 \("amqp:\/\/"\) has no host/],
    ['amqp://u:p@a,u:hunter2@b:5672', /AMQP_URL: URL 2 of 2 \("\*\*\*@b:5672"\) is not an amqp/],
    ['amqp://u:p@a:99999', /AMQP_URL: the URL \("amqp:\/\/\*\*\*@a:99999"\) is not an amqp/],
  ])('names the bad entry of AMQP_URL %s, without its credentials', (value, message) => {
    const load = () => loadConfig('gateway', { ...minimal, AMQP_URL: value });
    expect(load).toThrow(ConfigValidationError);
    expect(load).toThrow(message);
    expect(load).not.toThrow(/hunter2/);
  });

  it('reads the retry delays, and refuses nonsense ones', () => {
    expect(loadConfig('worker', minimal).rabbitmq.retryDelaysMs).toEqual([1000, 5000, 30000]);
    const quick = loadConfig('worker', { ...minimal, EVENT_RETRY_DELAYS_MS: '100, 250' });
    expect(quick.rabbitmq.retryDelaysMs).toEqual([100, 250]);
    for (const bad of ['10', 'soon', '100,,200', '-5', Array(11).fill('100').join(',')]) {
      expect(() => loadConfig('worker', { ...minimal, EVENT_RETRY_DELAYS_MS: bad })).toThrow(
        /EVENT_RETRY_DELAYS_MS/,
      );
    }
  });

  it('has no read replicas unless DB_REPLICA_HOSTS names some', () => {
    expect(loadConfig('gateway', minimal).readReplicas).toEqual({
      replicas: [],
      maxLagSeconds: 10,
    });
    expect(
      loadConfig('gateway', { ...minimal, DB_REPLICA_HOSTS: '' }).readReplicas.replicas,
    ).toEqual([]);
  });

  it("connects to each replica with the primary's database and credentials by default", () => {
    const env = {
      ...minimal,
      DB_NAME: 'shop',
      DB_USER: 'beacon',
      DB_PASSWORD: 'primary-password',
      DB_REPLICA_HOSTS: 'replica-1:3307, replica-2,[::1]:3308',
      DB_REPLICA_MAX_LAG_S: '3',
    };
    const primaryCredentials = {
      user: 'beacon',
      password: 'primary-password',
      name: 'shop',
      pool: loadConfig('gateway', env).database.pool,
    };
    expect(loadConfig('gateway', env).readReplicas).toEqual({
      replicas: [
        { host: 'replica-1', port: 3307, ...primaryCredentials },
        { host: 'replica-2', port: 3306, ...primaryCredentials },
        { host: '::1', port: 3308, ...primaryCredentials },
      ],
      maxLagSeconds: 3,
    });
    const ownCredentials = loadConfig('gateway', {
      ...env,
      DB_REPLICA_USER: 'reader',
      DB_REPLICA_PASSWORD: 'reader-password',
    }).readReplicas.replicas[0];
    expect(ownCredentials).toMatchObject({ user: 'reader', password: 'reader-password' });
  });

  it('refuses a malformed replica address or lag limit', () => {
    const load = (env: Record<string, string>) => () =>
      loadConfig('gateway', { ...minimal, ...env });
    for (const bad of ['replica:port', 'replica:0', 'replica:65536', 'a b:3306', '::1:3307']) {
      expect(load({ DB_REPLICA_HOSTS: `ok:3306,${bad}` })).toThrow(
        /^Invalid environment: DB_REPLICA_HOSTS: expected host:port/,
      );
    }
    for (const bad of ['0', '-1', 'soon']) {
      expect(load({ DB_REPLICA_MAX_LAG_S: bad })).toThrow(/DB_REPLICA_MAX_LAG_S/);
    }
  });

  it("reads the circuit breakers' timeouts and thresholds, and refuses a threshold below 1", () => {
    expect(loadConfig('gateway', minimal).databaseBreaker).toEqual({
      timeoutMs: 2_000,
      failureThreshold: 5,
      successThreshold: 3,
      resetTimeoutMs: 5_000,
    });
    const ai = loadConfig('worker', {
      ...minimal,
      AI_TIMEOUT_MS: '800',
      AI_BREAKER_FAILURE_THRESHOLD: '2',
      AI_BREAKER_SUCCESS_THRESHOLD: '4',
      AI_BREAKER_RESET_MS: '9000',
    }).ai;
    expect(ai.timeoutMs).toBe(800);
    expect(ai.breaker).toEqual({ failureThreshold: 2, successThreshold: 4, resetTimeoutMs: 9_000 });
    for (const name of ['DB_BREAKER_SUCCESS_THRESHOLD', 'AI_BREAKER_FAILURE_THRESHOLD']) {
      expect(() => loadConfig('gateway', { ...minimal, [name]: '0' })).toThrow(
        `Invalid environment: ${name}: expected a positive integer`,
      );
    }
  });

  it("reads the pools' settings, the primary's and every replica's alike", () => {
    const config = loadConfig('gateway', {
      ...minimal,
      DB_POOL_SIZE: '2',
      DB_POOL_IDLE_TIMEOUT_MS: '5000',
      DB_POOL_MAX_LIFETIME_MS: '0',
      DB_CONNECT_TIMEOUT_MS: '1500',
      DB_REPLICA_HOSTS: 'replica-1,replica-2',
    });
    const pool = { size: 2, idleTimeoutMs: 5_000, maxLifetimeMs: 0, connectTimeoutMs: 1_500 };
    expect(config.database.pool).toEqual(pool);
    expect(config.readReplicas.replicas.map((replica) => replica.pool)).toEqual([pool, pool]);
  });

  it('refuses a pool of no connection, a negative lifetime or a zero timeout', () => {
    const load = (env: Record<string, string>) => () =>
      loadConfig('gateway', { ...minimal, ...env });
    expect(load({ DB_POOL_SIZE: '0' })).toThrow(/DB_POOL_SIZE: expected a positive integer/);
    expect(load({ DB_POOL_SIZE: '1001' })).toThrow(/DB_POOL_SIZE: expected at most 1000/);
    expect(load({ DB_POOL_SIZE: 'ten' })).toThrow(/DB_POOL_SIZE/);
    expect(load({ DB_POOL_MAX_LIFETIME_MS: '-1' })).toThrow(
      /DB_POOL_MAX_LIFETIME_MS: expected milliseconds, or 0 for none/,
    );
    expect(load({ DB_POOL_IDLE_TIMEOUT_MS: '0' })).toThrow(/DB_POOL_IDLE_TIMEOUT_MS/);
    expect(load({ DB_CONNECT_TIMEOUT_MS: '1.5' })).toThrow(/DB_CONNECT_TIMEOUT_MS/);
  });

  it("reads the AI provider's agent: sockets at most and their idle time", () => {
    const load = (env: Record<string, string>) => loadConfig('worker', { ...minimal, ...env });
    expect(load({ AI_MAX_SOCKETS: '2', AI_KEEPALIVE_IDLE_MS: '1000' }).ai.agent).toEqual({
      maxSockets: 2,
      keepAliveIdleMs: 1_000,
    });
    expect(() => load({ AI_MAX_SOCKETS: '0' })).toThrow(/AI_MAX_SOCKETS/);
    expect(() => load({ AI_MAX_SOCKETS: '1025' })).toThrow(/AI_MAX_SOCKETS: expected at most 1024/);
    expect(() => load({ AI_KEEPALIVE_IDLE_MS: '-5' })).toThrow(/AI_KEEPALIVE_IDLE_MS/);
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig('gateway', { ...minimal, DB_HOST: '', PORT: '' }).database.host).toBe(
      '127.0.0.1',
    );
  });

  it('refuses a short secret, a CORS wildcard and an open /metrics in production', () => {
    const production = {
      NODE_ENV: 'production',
      JWT_SECRET: 'short',
      METRICS_AUTH_TOKEN: 't'.repeat(32),
    };
    expect(() => loadConfig('gateway', production)).toThrow(/JWT_SECRET: at least 32 characters/);
    expect(() =>
      loadConfig('gateway', {
        ...production,
        JWT_SECRET: 'x'.repeat(32),
        ALLOWED_ORIGINS: '*',
      }),
    ).toThrow(/ALLOWED_ORIGINS/);
    expect(loadConfig('gateway', { ...production, JWT_SECRET: 'x'.repeat(32) }).env).toBe(
      'production',
    );
    const strongSecret = { ...production, JWT_SECRET: 'x'.repeat(32) };
    expect(() => loadConfig('gateway', { ...strongSecret, METRICS_AUTH_TOKEN: '' })).toThrow(
      /METRICS_AUTH_TOKEN: required in production/,
    );
    expect(
      loadConfig('gateway', { ...strongSecret, METRICS_AUTH_TOKEN: '', METRICS_ENABLED: 'false' })
        .metrics.enabled,
    ).toBe(false);
  });

  it('reads the demo faults, off by default, and refuses each of them in production', () => {
    expect(loadConfig('worker', minimal).demoFaults).toEqual({
      workerDelayMs: 0,
      workerFailureRate: 0,
      aiFailure: false,
    });
    const faults = {
      DEMO_WORKER_DELAY_MS: '250',
      DEMO_WORKER_FAILURE_RATE: '0.5',
      DEMO_AI_FAILURE: 'true',
    };
    expect(loadConfig('worker', { ...minimal, ...faults }).demoFaults).toEqual({
      workerDelayMs: 250,
      workerFailureRate: 0.5,
      aiFailure: true,
    });
    expect(() => loadConfig('worker', { ...minimal, DEMO_WORKER_FAILURE_RATE: '2' })).toThrow(
      /DEMO_WORKER_FAILURE_RATE/,
    );
    const production = {
      NODE_ENV: 'production',
      JWT_SECRET: 'x'.repeat(32),
      METRICS_AUTH_TOKEN: 't'.repeat(32),
    };
    for (const [name, value] of Object.entries(faults)) {
      expect(() => loadConfig('worker', { ...production, [name]: value })).toThrow(
        /DEMO_\*: demo faults are refused in production/,
      );
    }
  });

  it('refuses a short or placeholder metrics token in production, old or new', () => {
    const production = { NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32) };
    const strong = 'm'.repeat(32);
    expect(() =>
      loadConfig('gateway', { ...production, METRICS_AUTH_TOKEN: `short,${strong}` }),
    ).toThrow(/METRICS_AUTH_TOKEN: each token at least 32 characters/);
    expect(() =>
      loadConfig('gateway', {
        ...production,
        METRICS_AUTH_TOKEN: 'dev-only-insecure-metrics-token-do-not-use-in-production',
      }),
    ).toThrow(/METRICS_AUTH_TOKEN: the public development placeholder/);
    expect(
      loadConfig('gateway', { ...production, METRICS_AUTH_TOKEN: strong }).metrics.authTokens,
    ).toEqual([strong]);
  });

  it('refuses the public compose placeholder secret in production', () => {
    const placeholder = 'dev-only-insecure-jwt-secret-do-not-use-in-production';
    expect(loadConfig('gateway', { JWT_SECRET: placeholder }).auth.jwtSecret).toBe(placeholder);
    expect(() =>
      loadConfig('gateway', { NODE_ENV: 'production', JWT_SECRET: placeholder }),
    ).toThrow(/JWT_SECRET: the public development placeholder/);
  });

  it('never echoes secret values in its errors', () => {
    const load = () =>
      loadConfig('gateway', { NODE_ENV: 'production', JWT_SECRET: 'hunter2-top-secret' });
    expect(load).toThrow(ConfigValidationError);
    expect(load).not.toThrow(/hunter2/);
  });
});

describe('loadDatabaseConfig', () => {
  it('needs no JWT_SECRET', () => {
    expect(loadDatabaseConfig({ DB_NAME: 'other' }).name).toBe('other');
  });
});
