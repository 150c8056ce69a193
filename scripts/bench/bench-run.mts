// The benchmark sequence: both servers up with one link, a warm-up, interleaved rounds of
// {ceiling, gateway} whose order alternates, a link-creation run, then the report.
import { randomBytes } from 'node:crypto';
import type autocannon from 'autocannon';
import { assertRunning, type Child } from './child-processes.mts';
import { load, toMeasurement, verify, type Measurement } from './load-run.mts';
import { log } from './log.mts';
import { median, printReport, printSetup, type RoundResult } from './report.mts';
import { checkRedirect, createLink, startCeiling, startGateway, type Server } from './servers.mts';
import { TARGET_URL, type Settings } from './settings.mts';

interface Target {
  scenario: string;
  url: string;
  server: Child;
}

type Targets = [ceiling: Target, gateway: Target];

const runId = `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
/** The run's database name and AMQP prefix. */
const name = `beacon_bench_${runId}`;

export async function bench(settings: Settings): Promise<void> {
  log(`run ${runId}: database and AMQP prefix ${name}`);
  printSetup(settings);
  const gateway = await startGateway(name);
  const slug = await createLink(gateway.base);
  const ceiling = await startCeiling(slug);
  await checkRedirect(gateway.base, slug);
  await checkRedirect(ceiling.base, slug);

  const targets = redirectTargets(ceiling, gateway, slug);
  const create = createOptions(gateway.base, settings.createConnections);
  await warmUp(targets, create, gateway.child, settings);
  const rounds: RoundResult[] = [];
  for (let round = 1; round <= settings.rounds; round++) {
    rounds.push(await runRound(round, targets, settings));
  }
  const creation = await runCreation(create, gateway.child, settings);

  // Still the right answer, from a gateway still up, after all that load.
  await checkRedirect(gateway.base, slug);
  assertRunning(gateway.child);
  const medianRatio = median(rounds.map((round) => round.ratio));
  printReport({ settings, rounds, create: creation, gateway: gateway.child, medianRatio });
  if (settings.minRatio !== undefined && medianRatio < settings.minRatio) {
    throw new Error(`median ratio ${medianRatio.toFixed(2)} is below BENCH_MIN_RATIO`);
  }
}

function redirectTargets(ceiling: Server, gateway: Server, slug: string): Targets {
  return [
    {
      scenario: 'ceiling: bare node:http 302',
      url: `${ceiling.base}/${slug}`,
      server: ceiling.child,
    },
    { scenario: 'gateway: GET /:slug 302', url: `${gateway.base}/${slug}`, server: gateway.child },
  ];
}

function createOptions(gatewayBase: string, connections: number): autocannon.Options {
  return {
    url: `${gatewayBase}/api/links`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ url: TARGET_URL }),
    connections,
  };
}

async function warmUp(
  targets: Target[],
  create: autocannon.Options,
  gateway: Child,
  { connections, warmupS }: Settings,
): Promise<void> {
  log(`warming up (${warmupS} s per server)`);
  for (const target of targets) {
    const { result } = await load(
      { url: target.url, connections, duration: warmupS, title: `warm-up ${target.scenario}` },
      target.server,
    );
    verify(`warm-up ${target.scenario}`, result, '3xx');
  }
  const warmCreate = await load(
    { ...create, duration: Math.max(1, Math.round(warmupS / 2)), title: 'warm-up create' },
    gateway,
  );
  verify('warm-up POST /api/links', warmCreate.result, '2xx');
}

async function runRound(
  round: number,
  [ceiling, gateway]: Targets,
  { rounds, connections, durationS }: Settings,
): Promise<RoundResult> {
  // Alternate the order, so neither server always runs right after the other's load.
  const ordered = round % 2 === 1 ? [ceiling, gateway] : [gateway, ceiling];
  const measurements: Measurement[] = [];
  for (const target of ordered) {
    log(`round ${round}/${rounds}: ${target.scenario}`);
    const run = await load(
      { url: target.url, connections, duration: durationS, title: target.scenario },
      target.server,
    );
    verify(`round ${round} ${target.scenario}`, run.result, '3xx');
    measurements.push(toMeasurement(target.scenario, round, run));
  }
  const [ceilingRun, gatewayRun] =
    ordered[0] === ceiling ? measurements : [...measurements].reverse();
  const ceilingUs = ceilingRun.cpu.serverUsPerRequest;
  const gatewayUs = gatewayRun.cpu.serverUsPerRequest;
  return {
    measurements,
    ratio: gatewayRun.requestsPerSecond / ceilingRun.requestsPerSecond,
    cpuRatio: ceilingUs && gatewayUs ? ceilingUs / gatewayUs : undefined,
  };
}

async function runCreation(
  create: autocannon.Options,
  gateway: Child,
  { createConnections, durationS }: Settings,
): Promise<Measurement> {
  log(`link creation: POST /api/links, ${createConnections} connections`);
  const run = await load({ ...create, duration: durationS, title: 'create' }, gateway);
  verify('POST /api/links', run.result, '2xx');
  return toMeasurement('gateway: POST /api/links 201', undefined, run);
}
