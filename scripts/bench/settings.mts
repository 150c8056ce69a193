// What a run may be tuned with (environment), and what it may not (limits, paths).
// BENCH_DURATION_S (5), BENCH_ROUNDS (5), BENCH_CONNECTIONS (50), BENCH_CREATE_CONNECTIONS (10),
// BENCH_WARMUP_S (2), BENCH_VARIANTS (the gateway variants to measure, see gateway-variants.mts)
// and one minimum median ratio per variant (unset: when set, a median ratio below it fails the
// run): BENCH_MIN_RATIO for the baseline, BENCH_MIN_RATIO_PRODUCTION, BENCH_MIN_RATIO_ALWAYS_ON…
// BENCH_GATEWAY_NODE_OPTIONS (servers.mts) becomes the gateways' NODE_OPTIONS, for profiling.
// The catalog part (catalog-bench.mts): BENCH_CATALOG_PRODUCTS (10000 seeded products; 0 skips
// it) and BENCH_MIN_CACHE_SPEEDUP (unset: when set, a median cache hit/miss ratio below it fails).
// The scale-out part (scale-out.mts): BENCH_SCALE_OUT, the most gateways behind nginx (3; 0
// skips it).
import { fileURLToPath } from 'node:url';
import { DEFAULT_VARIANTS, GATEWAY_VARIANTS, type GatewayVariant } from './gateway-variants.mts';

export interface Settings {
  durationS: number;
  rounds: number;
  connections: number;
  createConnections: number;
  warmupS: number;
  /** In the catalog's order, whatever the order in BENCH_VARIANTS. */
  variants: GatewayVariant[];
  /** Minimum median ratio to the ceiling, by variant name (only the variants whose is set). */
  minRatios: Map<string, number>;
  /** Products seeded for the catalog part; 0 skips it. */
  catalogProducts: number;
  /** Minimum median requests/s of a cache hit ÷ a miss, per catalog query. */
  minCacheSpeedup: number | undefined;
  /** The scale-out part measures 1 to this many gateways behind nginx; 0 skips it. */
  scaleOutGateways: number;
}

const fromRoot = (relative: string): string =>
  fileURLToPath(new URL(`../../${relative}`, import.meta.url));
export const GATEWAY_MAIN = fromRoot('dist/apps/gateway/src/main.js');
/** Loaded with `--import` before GATEWAY_MAIN, as `npm run start:gateway` does in production. */
export const GATEWAY_INSTRUMENTATION = fromRoot('dist/apps/gateway/src/instrumentation.js');
export const MIGRATE_MAIN = fromRoot('dist/libs/database/src/migrate.main.js');
export const SEED_MAIN = fromRoot('dist/apps/gateway/src/catalog/seed.main.js');
export const WORKER_MAIN = fromRoot('dist/apps/worker/src/main.js');
export const CEILING_SERVER = fromRoot('scripts/bench/bench-ceiling-server.mts');
export const OTLP_RECEIVER = fromRoot('scripts/bench/bench-otlp-receiver.mts');
export const OPEN_LOOP_LOAD = fromRoot('scripts/bench/open-loop-load.mts');

export const TARGET_URL = 'https://example.com/beacon-bench';
export const MIGRATION_TIMEOUT_MS = 120_000;
export const READY_TIMEOUT_MS = 60_000;
export const HTTP_TIMEOUT_MS = 5_000;

export function readSettings(): Settings {
  const variants = variantsFromEnv();
  const minRatios = new Map<string, number>();
  for (const variant of variants) {
    const minRatio = ratioFromEnv(variant.minRatioVariable);
    if (minRatio !== undefined) minRatios.set(variant.name, minRatio);
  }
  return {
    durationS: positiveIntFromEnv('BENCH_DURATION_S', 5),
    rounds: positiveIntFromEnv('BENCH_ROUNDS', 5),
    connections: positiveIntFromEnv('BENCH_CONNECTIONS', 50),
    createConnections: positiveIntFromEnv('BENCH_CREATE_CONNECTIONS', 10),
    warmupS: positiveIntFromEnv('BENCH_WARMUP_S', 2),
    variants,
    minRatios,
    catalogProducts: nonNegativeIntFromEnv('BENCH_CATALOG_PRODUCTS', 10_000),
    minCacheSpeedup: speedupFromEnv('BENCH_MIN_CACHE_SPEEDUP'),
    scaleOutGateways: nonNegativeIntFromEnv('BENCH_SCALE_OUT', 3),
  };
}

function speedupFromEnv(variable: string): number | undefined {
  const raw = process.env[variable];
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!(value > 0)) throw new Error(`${variable} must be a positive number, got "${raw}"`);
  return value;
}

function nonNegativeIntFromEnv(variable: string, fallback: number): number {
  const raw = process.env[variable];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) {
    throw new Error(`${variable} must be a whole number, got "${raw}"`);
  }
  return value;
}

function variantsFromEnv(): GatewayVariant[] {
  const raw = process.env.BENCH_VARIANTS;
  const names = (raw === undefined || raw.trim() === '' ? DEFAULT_VARIANTS : raw.split(','))
    .map((name) => name.trim())
    .filter((name) => name !== '');
  const known = GATEWAY_VARIANTS.map((variant) => variant.name);
  const unknown = names.filter((name) => !known.includes(name));
  if (unknown.length > 0 || names.length === 0) {
    throw new Error(
      `BENCH_VARIANTS must list some of ${known.join(', ')}; got "${raw ?? ''}"` +
        (unknown.length > 0 ? ` (unknown: ${unknown.join(', ')})` : ''),
    );
  }
  return GATEWAY_VARIANTS.filter((variant) => names.includes(variant.name));
}

export function ratioFromEnv(variable: string): number | undefined {
  const raw = process.env[variable];
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!(value > 0 && value <= 1)) {
    throw new Error(`${variable} must be a number in (0, 1], got "${raw}"`);
  }
  return value;
}

export function positiveIntFromEnv(variable: string, fallback: number): number {
  const raw = process.env[variable];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) {
    throw new Error(`${variable} must be a positive integer, got "${raw}"`);
  }
  return value;
}
