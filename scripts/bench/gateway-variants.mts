// The gateways the bench measures against the same ceiling: one child process each, started the
// production way (`node --import instrumentation.js main.js`), differing only in the signals
// they emit. Metrics are on in all of them (they always are in production); the request log
// level and tracing vary. The opt-in variants turn one signal on at a time, to tell what costs;
// `production-buffered` and `production-confirmed` pin VISIT_DELIVERY, to weigh its two modes in
// one interleaved run.

export interface GatewayVariant {
  /** Its name in BENCH_VARIANTS. */
  name: string;
  scenario: string;
  logLevel: 'warn' | 'info';
  /** Undefined: tracing off (OTEL_SDK_DISABLED=true). `sampler` undefined: the app's default. */
  tracing: { sampler?: 'always_on' | 'always_off' } | undefined;
  /** When set, a median ratio to the ceiling below it fails the run. */
  minRatioVariable: string;
  /** The target ratio to the ceiling (from the issues), shown beside the result. */
  target?: number;
  /** Settings of its own, over the inherited ones. */
  env?: Record<string, string>;
}

export const GATEWAY_VARIANTS: readonly GatewayVariant[] = [
  {
    name: 'baseline',
    scenario: 'gateway baseline: warn logs, no tracing',
    logLevel: 'warn',
    tracing: undefined,
    minRatioVariable: 'BENCH_MIN_RATIO',
    target: 0.4,
  },
  {
    name: 'info-logs',
    scenario: 'gateway: info logs, no tracing',
    logLevel: 'info',
    tracing: undefined,
    minRatioVariable: 'BENCH_MIN_RATIO_INFO_LOGS',
  },
  {
    name: 'always-off',
    scenario: 'gateway: info logs, tracing always_off',
    logLevel: 'info',
    tracing: { sampler: 'always_off' },
    minRatioVariable: 'BENCH_MIN_RATIO_ALWAYS_OFF',
  },
  {
    name: 'production',
    scenario: 'gateway production: info logs, tracing 0.1',
    logLevel: 'info',
    tracing: {},
    minRatioVariable: 'BENCH_MIN_RATIO_PRODUCTION',
    target: 0.45,
  },
  {
    name: 'production-buffered',
    scenario: 'gateway production, VISIT_DELIVERY=buffered',
    logLevel: 'info',
    tracing: {},
    minRatioVariable: 'BENCH_MIN_RATIO_PRODUCTION_BUFFERED',
    env: { VISIT_DELIVERY: 'buffered' },
  },
  {
    name: 'production-confirmed',
    scenario: 'gateway production, VISIT_DELIVERY=confirmed',
    logLevel: 'info',
    tracing: {},
    minRatioVariable: 'BENCH_MIN_RATIO_PRODUCTION_CONFIRMED',
    env: { VISIT_DELIVERY: 'confirmed' },
  },
  {
    name: 'always-on',
    scenario: 'gateway: info logs, tracing always_on',
    logLevel: 'info',
    tracing: { sampler: 'always_on' },
    minRatioVariable: 'BENCH_MIN_RATIO_ALWAYS_ON',
    target: 0.2,
  },
];

export const DEFAULT_VARIANTS = ['baseline', 'production', 'always-on'];

/**
 * The variant's share of the gateway environment. Whatever the caller's shell says about logs
 * and tracing is dropped first, so that "production defaults" are the app's defaults.
 */
export function variantEnvironment(
  inherited: NodeJS.ProcessEnv,
  variant: GatewayVariant,
  otlpEndpoint: string | undefined,
): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(inherited).filter(([key]) => key !== 'LOG_LEVEL' && !key.startsWith('OTEL_')),
  );
  env.LOG_LEVEL = variant.logLevel;
  Object.assign(env, variant.env);
  if (!variant.tracing) {
    env.OTEL_SDK_DISABLED = 'true';
    return env;
  }
  if (otlpEndpoint === undefined) throw new Error(`${variant.name}: no OTLP receiver to export to`);
  env.OTEL_SDK_DISABLED = 'false';
  env.OTEL_EXPORTER_OTLP_ENDPOINT = otlpEndpoint;
  if (variant.tracing.sampler) env.OTEL_TRACES_SAMPLER = variant.tracing.sampler;
  return env;
}
