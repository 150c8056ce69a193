// What a run may be tuned with (environment), and what it may not (limits, paths).
// BENCH_DURATION_S (5), BENCH_ROUNDS (5), BENCH_CONNECTIONS (50), BENCH_CREATE_CONNECTIONS (10),
// BENCH_WARMUP_S (2), and BENCH_MIN_RATIO (unset: when set, a median ratio below it fails the run).
import { fileURLToPath } from 'node:url';

export interface Settings {
  durationS: number;
  rounds: number;
  connections: number;
  createConnections: number;
  warmupS: number;
  minRatio: number | undefined;
}

const fromRoot = (relative: string): string =>
  fileURLToPath(new URL(`../../${relative}`, import.meta.url));
export const GATEWAY_MAIN = fromRoot('dist/apps/gateway/src/main.js');
export const MIGRATE_MAIN = fromRoot('dist/libs/database/src/migrate.main.js');
export const CEILING_SERVER = fromRoot('scripts/bench/bench-ceiling-server.mts');

export const TARGET_URL = 'https://example.com/beacon-bench';
export const MIGRATION_TIMEOUT_MS = 120_000;
export const READY_TIMEOUT_MS = 60_000;
export const HTTP_TIMEOUT_MS = 5_000;

export function readSettings(): Settings {
  const rawMinRatio = process.env.BENCH_MIN_RATIO;
  const minRatio = rawMinRatio ? Number(rawMinRatio) : undefined;
  if (minRatio !== undefined && !(minRatio > 0 && minRatio <= 1)) {
    throw new Error(`BENCH_MIN_RATIO must be a number in (0, 1], got "${rawMinRatio}"`);
  }
  return {
    durationS: positiveIntFromEnv('BENCH_DURATION_S', 5),
    rounds: positiveIntFromEnv('BENCH_ROUNDS', 5),
    connections: positiveIntFromEnv('BENCH_CONNECTIONS', 50),
    createConnections: positiveIntFromEnv('BENCH_CREATE_CONNECTIONS', 10),
    warmupS: positiveIntFromEnv('BENCH_WARMUP_S', 2),
    minRatio,
  };
}

function positiveIntFromEnv(variable: string, fallback: number): number {
  const raw = process.env[variable];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) {
    throw new Error(`${variable} must be a positive integer, got "${raw}"`);
  }
  return value;
}
