// `npm run bench`: how fast is the redirect hot path (`GET /:slug` → 302), compared with the
// least any Node server can do for the same request on the same machine in the same run, and
// what does each observability signal cost on it?
//
// 1. Migrates a throw-away database and boots the built gateway (dist/) once per variant
//    (gateway-variants.mts), each in its own process, started the production way
//    (`node --import instrumentation.js main.js`) with NODE_ENV=production and metrics on:
//    the baseline (warn logs, tracing off), production defaults (info logs, tracing with the
//    default parent-based 0.1 ratio sampler) and always_on tracing. A traced variant exports
//    its spans to an OTLP receiver of its own (bench-otlp-receiver.mts, a child process too).
// 2. Starts the ceiling: a bare node:http server answering 302 from a Map
//    (bench-ceiling-server.mts), in its own process like the gateways.
// 3. Creates one link through the API, warms every server up, then runs interleaved rounds with
//    autocannon: the ceiling, then each gateway variant followed by the ceiling again (the
//    gateways' order reverses every other round), and a link-creation run. After each run of a traced gateway it waits for its exports to settle.
// 4. Checks that every redirect answer was a 3xx and every creation a 2xx, reads
//    `otel_spans_dropped_total` back from each traced gateway, prints the figures, each
//    variant's ratio to the ceiling per round and its median, and what it costs next to the
//    baseline. Failed responses, dropped or unreadable spans and error log lines fail the run.
// 5. The catalog part (catalog-bench.mts): seeds products, then compares a gateway with the
//    product read cache against one without on a category list and a search.
// 6. The scale-out part (scale-out.mts): redirects/s through nginx (the project's configuration)
//    to 1, 2 and 3 baseline gateways, as ratios to one gateway, with each process's CPU.
// 7. Always stops nginx and the children, drops the database and deletes the exchanges and
//    queues.
//
// The machine is shared and noisy: absolute figures vary, the ratio measured within a round is
// what to compare. Settings: see settings.mts. DB_HOST, DB_PORT, DB_USER, DB_PASSWORD and
// AMQP_URL are passed through to the gateways and used for the clean-up.
import { bench } from './bench-run.mts';
import { logError } from './log.mts';
import {
  MIGRATION_TIMEOUT_MS,
  READY_TIMEOUT_MS,
  readSettings,
  type Settings,
} from './settings.mts';
import { runWithCleanup } from './guarded-run.mts';

async function main(): Promise<number> {
  let settings: Settings;
  try {
    settings = readSettings();
  } catch (error) {
    logError((error as Error).message);
    return 1;
  }
  return runWithCleanup(timeBudgetMs(settings), () => bench(settings));
}

/** A traced run waits for its exports to settle: two quiet seconds and the last export. */
const SETTLE_S = 4;

/** Every load run plus slack, and the worst case of each bounded wait, plus a minute. */
function timeBudgetMs(settings: Settings): number {
  const { durationS, warmupS, rounds, variants } = settings;
  const servers = 1 + variants.length;
  const traced = variants.filter((variant) => variant.tracing).length;
  const perRunS = durationS + 1;
  const perRoundS = servers * perRunS + traced * SETTLE_S;
  const runsS =
    (servers + 1) * warmupS + traced * SETTLE_S + rounds * perRoundS + perRunS + SETTLE_S;
  const tracingChecksS = traced * SETTLE_S;
  return (
    (runsS + tracingChecksS) * 1000 +
    MIGRATION_TIMEOUT_MS +
    READY_TIMEOUT_MS * (servers + traced) +
    catalogBudgetMs(settings) +
    scaleOutBudgetMs(settings) +
    60_000
  );
}

/** Seeding, two gateways, and a warm-up and a run per round of each query on each. */
function catalogBudgetMs({ catalogProducts, durationS, warmupS, rounds }: Settings): number {
  if (catalogProducts === 0) return 0;
  const runs = 2 * 2;
  return (
    MIGRATION_TIMEOUT_MS +
    2 * READY_TIMEOUT_MS +
    runs * (warmupS + 1 + rounds * (durationS + 1)) * 1000
  );
}

/** The gateways and an nginx per count, and a warm-up and a run per round of each count. */
function scaleOutBudgetMs({ scaleOutGateways, durationS, warmupS, rounds }: Settings): number {
  const nginxStartMs = 10_000;
  return (
    scaleOutGateways * (READY_TIMEOUT_MS + nginxStartMs) +
    scaleOutGateways * (warmupS + 1 + rounds * (durationS + 1)) * 1000
  );
}

process.exit(await main());
