// What `npm run bench:connections` may be tuned with (environment), and its targets (issue 16).
// BENCH_CONNECTIONS_COUNT (10000 keep-alive connections), BENCH_CONNECTIONS_RATE (2500
// requests/s, fixed: the load is open-loop; half of what saturated this 2-core machine with the
// gateway, worker, broker and MySQL on it, see docs/benchmarks.md),
// BENCH_CONNECTIONS_DURATION_S (60, the measured window), BENCH_CONNECTIONS_RAMP_S (10:
// connections open evenly over it), BENCH_CONNECTIONS_WARMUP_S (10 at the full rate, not
// measured). Unset unless given, each failing the run when missed:
// BENCH_CONNECTIONS_MAX_P99_RATIO (p99 gateway ÷ p99 ceiling) and BENCH_CONNECTIONS_MAX_RSS_MB.
import { positiveIntFromEnv } from './settings.mts';

export interface ConnectionsSettings {
  connections: number;
  rate: number;
  durationS: number;
  rampS: number;
  warmupS: number;
  maxP99Ratio: number | undefined;
  maxRssMb: number | undefined;
}

export const TARGETS = { p99Ratio: 1.5, rssMb: 512 };

/** Both servers close a connection idle for longer (Fastify's default keep-alive is 72 s). */
const MAX_IDLE_S = 60;

export function readConnectionsSettings(): ConnectionsSettings {
  const settings = {
    connections: positiveIntFromEnv('BENCH_CONNECTIONS_COUNT', 10_000),
    rate: positiveIntFromEnv('BENCH_CONNECTIONS_RATE', 2_500),
    durationS: positiveIntFromEnv('BENCH_CONNECTIONS_DURATION_S', 60),
    rampS: positiveIntFromEnv('BENCH_CONNECTIONS_RAMP_S', 10),
    warmupS: positiveIntFromEnv('BENCH_CONNECTIONS_WARMUP_S', 10),
    maxP99Ratio: limitFromEnv('BENCH_CONNECTIONS_MAX_P99_RATIO'),
    maxRssMb: limitFromEnv('BENCH_CONNECTIONS_MAX_RSS_MB'),
  };
  if (settings.connections / settings.rate > MAX_IDLE_S) {
    throw new Error(
      `${settings.connections} connections at ${settings.rate} requests/s leave each idle for ` +
        `more than ${MAX_IDLE_S} s between requests: raise BENCH_CONNECTIONS_RATE`,
    );
  }
  return settings;
}

function limitFromEnv(variable: string): number | undefined {
  const raw = process.env[variable];
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!(value > 0)) throw new Error(`${variable} must be a positive number, got "${raw}"`);
  return value;
}
