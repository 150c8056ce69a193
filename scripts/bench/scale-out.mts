// The scale-out part of `npm run bench`: redirects per second through nginx to 1, 2, …
// BENCH_SCALE_OUT gateway processes on this one machine, each count as a ratio to one gateway in
// the same round, with the CPU each process used. nginx is Debian's, on the project's own
// configuration (scripts/nginx: the upstream, keep-alive, retries), one instance per gateway
// count with `worker_processes auto` as the nginx image's main file has it; the counts run
// interleaved, their order reversing every other round. The gateways are the baseline variant
// (warn logs, no tracing): the figures are the redirect's own, not its signals'.
import { startNginx, type NginxProcess } from '../nginx/nginx-process.mts';
import { onCleanup } from './cleanup.mts';
import { counterSum } from './gateway-metrics.mts';
import { GATEWAY_VARIANTS } from './gateway-variants.mts';
import { groupShares, sampleGroups, withChildren, type GroupShares } from './group-cpu.mts';
import { runAutocannon, verify } from './load-run.mts';
import { log } from './log.mts';
import { printScaleOut } from './scale-out-report.mts';
import { checkRedirect, startGateway, type Gateway } from './servers.mts';
import type { Settings } from './settings.mts';

export interface ScaleOutRun {
  gateways: number;
  round: number;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  total: number;
  wallMs: number;
  /** By `gateway <i>` (every gateway started, idle ones too), `nginx`, `bench` and `other`. */
  cpu: GroupShares;
  /** Redirects each gateway of the count answered (its `link_redirects_total`). */
  answered: number[];
}

interface Proxy {
  nginx: NginxProcess;
  gateways: number;
}

/** Runs the scale-out part on database `name`, whose link `slug` every gateway can redirect. */
export async function benchScaleOut(name: string, slug: string, settings: Settings): Promise<void> {
  const gateways: Gateway[] = [];
  for (let i = 1; i <= settings.scaleOutGateways; i++) {
    gateways.push(await startScaleOutGateway(name, i));
  }
  const proxies: Proxy[] = [];
  for (let count = 1; count <= gateways.length; count++) {
    proxies.push(await startProxy(gateways.slice(0, count)));
  }
  for (const { nginx } of proxies) await checkRedirect(nginx.url, slug);
  log(`scale-out: warming up (${settings.warmupS} s per gateway count)`);
  for (const proxy of proxies) await measure(proxy, gateways, slug, settings, 0);
  const runs: ScaleOutRun[] = [];
  for (let round = 1; round <= settings.rounds; round++) {
    const ordered = round % 2 === 1 ? proxies : [...proxies].reverse();
    for (const proxy of ordered) {
      log(`scale-out round ${round}/${settings.rounds}: ${proxy.gateways} gateway(s)`);
      runs.push(await measure(proxy, gateways, slug, settings, round));
    }
  }
  printScaleOut(settings, runs);
}

function startScaleOutGateway(name: string, index: number): Promise<Gateway> {
  const baseline = GATEWAY_VARIANTS.find((variant) => variant.name === 'baseline')!;
  return startGateway(
    name,
    { ...baseline, name: `scale-out-${index}`, scenario: `gateway ${index} behind nginx` },
    undefined,
  );
}

async function startProxy(gateways: Gateway[]): Promise<Proxy> {
  log(`starting nginx in front of ${gateways.length} gateway(s)`);
  const nginx = await startNginx({
    token: 'scale-out-bench',
    gateways: gateways.map((gateway) => new URL(gateway.base).host),
    workerProcesses: 'auto',
    // autocannon keeps writing on a connection nginx closes after its 1,000th request.
    clientKeepaliveRequests: 1_000_000_000,
  });
  onCleanup(`stop nginx (${gateways.length} gateways)`, () => nginx.stop());
  return { nginx, gateways: gateways.length };
}

/** One run through `proxy`; round 0 is the warm-up. */
async function measure(
  proxy: Proxy,
  gateways: Gateway[],
  slug: string,
  { connections, durationS, warmupS }: Settings,
  round: number,
): Promise<ScaleOutRun> {
  const groups = new Map(
    gateways.map((gateway, index) => [`gateway ${index + 1}`, [gateway.child.process.pid!]]),
  );
  groups.set('nginx', withChildren(proxy.nginx.pid));
  const duration = round === 0 ? warmupS : durationS;
  const title = `scale-out ${proxy.gateways} gateway(s), round ${round}`;
  const behind = gateways.slice(0, proxy.gateways);
  const redirectsBefore = await redirectCounts(behind);
  const before = sampleGroups(groups);
  const result = await runAutocannon({
    url: `${proxy.nginx.url}/${slug}`,
    connections,
    duration,
    title,
  });
  const after = sampleGroups(groups);
  verify(title, result, '3xx');
  const redirectsAfter = await redirectCounts(behind);
  return {
    gateways: proxy.gateways,
    round,
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    total: result.requests.total,
    wallMs: after.atMs - before.atMs,
    cpu: groupShares(before, after),
    answered: redirectsAfter.map((count, index) => count - redirectsBefore[index]),
  };
}

function redirectCounts(gateways: Gateway[]): Promise<number[]> {
  return Promise.all(
    gateways.map(async (gateway) => (await counterSum(gateway, 'link_redirects_total')) ?? 0),
  );
}
