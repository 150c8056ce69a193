// The catalog part of `npm run bench`: what the product read cache is worth. The database gets
// BENCH_CATALOG_PRODUCTS seeded products; two gateways like the baseline (warn logs, no
// tracing) serve it, one with the cache (after its first answer every request is a hit) and one
// with CACHE_ENABLED=false (every request runs the SQL: a miss). Each query runs on both in
// interleaved rounds, the order reversing every other round, and each round's ratio is
// cache requests/s ÷ no-cache requests/s. The cache gateway's own counter must show the hits.
import { GATEWAY_VARIANTS, type GatewayVariant } from './gateway-variants.mts';
import { cacheRequests } from './gateway-metrics.mts';
import { load, toMeasurement, verify, type Measurement } from './load-run.mts';
import { log } from './log.mts';
import { fixed, printTable } from './report.mts';
import { seedCatalog, startGateway, type Gateway } from './servers.mts';
import { HTTP_TIMEOUT_MS, type Settings } from './settings.mts';
import { median } from './summary.mts';

/** Both exist in the seeded catalog (catalog-seed.ts): "Copper Kettle" is a kitchen product. */
const QUERIES = [
  { name: 'list by category', path: '/api/products?category=kitchen&sort=price' },
  { name: 'search', path: '/api/products?q=copper%20kettle' },
] as const;

/** What the issue asks of the cache: a hit serves at least this many times a miss's requests/s. */
const TARGET_SPEEDUP = 5;

interface QueryRound {
  hit: Measurement;
  miss: Measurement;
}

/** Runs the catalog part on database `name`; returns what falls short of BENCH_MIN_CACHE_SPEEDUP. */
export async function benchCatalog(name: string, settings: Settings): Promise<string[]> {
  await seedCatalog(name, settings.catalogProducts);
  const cached = await startCatalogGateway(name, true);
  const uncached = await startCatalogGateway(name, false);
  for (const gateway of [cached, uncached]) {
    for (const query of QUERIES) await checkQuery(gateway, query.path);
  }
  log(`catalog: warming up (${settings.warmupS} s per query and gateway)`);
  for (const query of QUERIES) {
    for (const gateway of [cached, uncached]) await measure(gateway, query, settings, 'warm-up');
  }
  const hitsBefore = await cacheRequests(cached, 'hit');
  const rounds = new Map<string, QueryRound[]>(QUERIES.map((query) => [query.name, []]));
  for (let round = 1; round <= settings.rounds; round++) {
    for (const query of QUERIES) {
      log(`catalog round ${round}/${settings.rounds}: ${query.name}`);
      const first = round % 2 === 1 ? cached : uncached;
      const second = first === cached ? uncached : cached;
      const runs = new Map<Gateway, Measurement>();
      for (const gateway of [first, second]) {
        runs.set(gateway, await measure(gateway, query, settings, round));
      }
      rounds.get(query.name)!.push({ hit: runs.get(cached)!, miss: runs.get(uncached)! });
    }
  }
  const hits = (await cacheRequests(cached, 'hit')) - hitsBefore;
  const served = [...rounds.values()].flat().reduce((sum, run) => sum + run.hit.total, 0);
  printCatalogReport(settings, rounds, { hits, served });
  return speedupFailures(rounds, settings.minCacheSpeedup);
}

function startCatalogGateway(name: string, cache: boolean): Promise<Gateway> {
  const baseline = GATEWAY_VARIANTS.find((variant) => variant.name === 'baseline')!;
  const variant: GatewayVariant = {
    ...baseline,
    name: cache ? 'catalog-cache' : 'catalog-no-cache',
    scenario: cache ? 'cache hit' : 'cache off (miss)',
  };
  return startGateway(name, variant, undefined, { CACHE_ENABLED: String(cache) });
}

/** A query must answer 200 with products, or the figures would measure an empty answer. */
async function checkQuery(gateway: Gateway, path: string): Promise<void> {
  const response = await fetch(`${gateway.base}${path}`, {
    signal: AbortSignal.timeout(HTTP_TIMEOUT_MS),
  });
  const body = (await response.json()) as { total?: number };
  if (response.status !== 200 || !body.total) {
    throw new Error(
      `${gateway.variant.name} ${path}: expected 200 with products, got ${response.status}`,
    );
  }
}

async function measure(
  gateway: Gateway,
  query: (typeof QUERIES)[number],
  { connections, durationS, warmupS }: Settings,
  round: number | 'warm-up',
): Promise<Measurement> {
  const scenario = `${query.name}: ${gateway.variant.scenario}`;
  const run = await load(
    {
      url: `${gateway.base}${query.path}`,
      connections,
      duration: round === 'warm-up' ? warmupS : durationS,
      title: scenario,
    },
    gateway.child,
  );
  verify(`catalog ${round} ${scenario}`, run.result, '2xx');
  return toMeasurement(scenario, round === 'warm-up' ? undefined : round, run);
}

function speedupsOf(runs: QueryRound[]): number[] {
  return runs.map((run) => run.hit.requestsPerSecond / run.miss.requestsPerSecond);
}

function printCatalogReport(
  { catalogProducts, connections }: Settings,
  rounds: Map<string, QueryRound[]>,
  { hits, served }: { hits: number; served: number },
): void {
  console.log('');
  console.log(`catalog: ${catalogProducts} seeded products, ${connections} connections`);
  printTable(
    ['scenario', 'round', 'requests/s', 'p50 ms', 'p99 ms', 'server CPU µs/req'],
    [...rounds.values()].flatMap((runs) =>
      runs.flatMap(({ hit, miss }) =>
        [hit, miss].map((m) => [
          m.scenario,
          String(m.round),
          m.requestsPerSecond.toFixed(0),
          String(m.p50),
          String(m.p99),
          fixed(m.cpu.serverUsPerRequest, 0),
        ]),
      ),
    ),
  );
  console.log('');
  printTable(
    ['query', 'hit req/s', 'miss req/s', 'hit ÷ miss per round', 'median', 'target'],
    [...rounds].map(([query, runs]) => [
      query,
      median(runs.map((run) => run.hit.requestsPerSecond)).toFixed(0),
      median(runs.map((run) => run.miss.requestsPerSecond)).toFixed(0),
      speedupsOf(runs)
        .map((speedup) => speedup.toFixed(1))
        .join(' '),
      `${median(speedupsOf(runs)).toFixed(1)}×`,
      `≥ ${TARGET_SPEEDUP}×`,
    ]),
  );
  console.log('');
  console.log(
    `The cache gateway counted ${hits} cache hits for the ${served} measured requests ` +
      '(autocannon leaves out the answers still in flight at the end of a run). Server CPU ' +
      "µs/req is the gateway's alone: MySQL's work on a miss is not in it.",
  );
  const headline = [...rounds]
    .map(([query, runs]) => `${query} ${median(speedupsOf(runs)).toFixed(1)}×`)
    .join(', ');
  console.log(`catalog cache hit ÷ miss requests/s (median of the rounds): ${headline}`);
}

function speedupFailures(rounds: Map<string, QueryRound[]>, minimum: number | undefined): string[] {
  if (minimum === undefined) return [];
  return [...rounds]
    .map(([query, runs]) => [query, median(speedupsOf(runs))] as const)
    .filter(([, speedup]) => speedup < minimum)
    .map(
      ([query, speedup]) => `catalog ${query}: cache speedup ${speedup.toFixed(1)}× < ${minimum}×`,
    );
}
