// The benchmark sequence: the ceiling and every gateway variant up (the traced ones with their
// OTLP receivers), one link, a warm-up, interleaved rounds of {ceiling, then each gateway variant
// followed by the ceiling again} whose gateway order reverses from one round to the next, a link-creation run, the read-back of the tracing
// counters, the report, then the catalog part (catalog-bench.mts), the scale-out part
// (scale-out.mts) and the verdict.
import { randomBytes } from 'node:crypto';
import type autocannon from 'autocannon';
import { benchCatalog } from './catalog-bench.mts';
import { benchScaleOut } from './scale-out.mts';
import { assertRunning, type Child } from './child-processes.mts';
import type { GatewayVariant } from './gateway-variants.mts';
import { spansDropped } from './gateway-metrics.mts';
import { load, toMeasurement, verify, type Measurement } from './load-run.mts';
import { log } from './log.mts';
import { receiverStats, startReceiver } from './otlp-receivers.mts';
import { printReport, printSetup } from './report.mts';
import {
  checkRedirect,
  benchAuthorization,
  createLink,
  migrateDatabase,
  startCeiling,
  startGateway,
  type Gateway,
  type Server,
} from './servers.mts';
import { TARGET_URL, type Settings } from './settings.mts';
import {
  BASELINE,
  ceilingAround,
  failures,
  summarize,
  type RoundResult,
  type TracingCheck,
} from './summary.mts';

interface Target {
  scenario: string;
  url: string;
  server: Child;
  /** The OTLP receiver of a traced gateway. */
  receiver?: Server;
}

interface GatewayTarget extends Target {
  variant: GatewayVariant;
}

type Targets = [ceiling: Target, ...gateways: GatewayTarget[]];

interface RunningGateway {
  gateway: Gateway;
  receiver: Server | undefined;
}

const runId = `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
/** The run's database name and AMQP prefix, shared by every gateway variant. */
const name = `beacon_bench_${runId}`;

export async function bench(settings: Settings): Promise<void> {
  log(`run ${runId}: database and AMQP prefix ${name}`);
  printSetup(settings);
  await migrateDatabase(name);
  const gateways: RunningGateway[] = [];
  for (const variant of settings.variants) gateways.push(await startVariant(variant));
  const authorization = await benchAuthorization(gateways[0].gateway.base);
  const slug = await createLink(gateways[0].gateway.base, authorization);
  const ceiling = await startCeiling(slug);
  for (const server of [ceiling, ...gateways.map(({ gateway }) => gateway)]) {
    await checkRedirect(server.base, slug);
  }

  const targets = redirectTargets(ceiling, gateways, slug);
  // Link creation is reported for reference, from the baseline when it runs.
  const creator = gateways.find(({ gateway }) => gateway.variant.name === BASELINE) ?? gateways[0];
  const create = createOptions(creator.gateway.base, authorization, settings.createConnections);
  await warmUp(targets, create, creator, settings);
  const rounds: RoundResult[] = [];
  for (let round = 1; round <= settings.rounds; round++) {
    rounds.push(await runRound(round, targets, settings));
  }
  const creation = await runCreation(create, creator, settings);

  // Still the right answer, from gateways still up, after all that load.
  for (const { gateway } of gateways) {
    await checkRedirect(gateway.base, slug);
    assertRunning(gateway.child);
  }
  const tracingChecks = await readTracingCounters(gateways, slug);
  const summaries = summarize(settings.variants, rounds, tracingChecks);
  printReport({
    settings,
    rounds,
    create: creation,
    summaries,
    gateways: new Map(gateways.map(({ gateway }) => [gateway.variant.name, gateway.child])),
  });
  const problems = failures(summaries, settings.minRatios);
  if (settings.catalogProducts > 0) problems.push(...(await benchCatalog(name, settings)));
  if (settings.scaleOutGateways > 0) await benchScaleOut(name, slug, settings);
  if (problems.length > 0) throw new Error(problems.join('; '));
}

/** A traced variant gets its own receiver first: the gateway exports to it from its start. */
async function startVariant(variant: GatewayVariant): Promise<RunningGateway> {
  const receiver = variant.tracing ? await startReceiver(variant.name) : undefined;
  const gateway = await startGateway(name, variant, receiver?.base);
  return { gateway, receiver };
}

function redirectTargets(ceiling: Server, gateways: RunningGateway[], slug: string): Targets {
  return [
    {
      scenario: 'ceiling: bare node:http 302',
      url: `${ceiling.base}/${slug}`,
      server: ceiling.child,
    },
    ...gateways.map(({ gateway, receiver }) => ({
      scenario: gateway.variant.scenario,
      url: `${gateway.base}/${slug}`,
      server: gateway.child,
      receiver,
      variant: gateway.variant,
    })),
  ];
}

function createOptions(
  gatewayBase: string,
  authorization: string,
  connections: number,
): autocannon.Options {
  return {
    url: `${gatewayBase}/api/links`,
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization },
    body: JSON.stringify({ url: TARGET_URL }),
    connections,
  };
}

async function warmUp(
  targets: Target[],
  create: autocannon.Options,
  creator: RunningGateway,
  { connections, warmupS }: Settings,
): Promise<void> {
  log(`warming up (${warmupS} s per server)`);
  for (const target of targets) {
    const { result } = await load(
      { url: target.url, connections, duration: warmupS, title: `warm-up ${target.scenario}` },
      target.server,
      target.receiver,
    );
    verify(`warm-up ${target.scenario}`, result, '3xx');
  }
  const warmCreate = await load(
    { ...create, duration: Math.max(1, Math.round(warmupS / 2)), title: 'warm-up create' },
    creator.gateway.child,
    creator.receiver,
  );
  verify('warm-up POST /api/links', warmCreate.result, '2xx');
}

async function runRound(
  round: number,
  [ceiling, ...gateways]: Targets,
  { rounds, connections, durationS }: Settings,
): Promise<RoundResult> {
  const measure = async (target: Target): Promise<Measurement> => {
    log(`round ${round}/${rounds}: ${target.scenario}`);
    const run = await load(
      { url: target.url, connections, duration: durationS, title: target.scenario },
      target.server,
      target.receiver,
    );
    verify(`round ${round} ${target.scenario}`, run.result, '3xx');
    return toMeasurement(target.scenario, round, run);
  };
  // The machine's speed drifts within seconds: each gateway run sits between two runs of the
  // ceiling and is compared with their mean. The gateways' order reverses every other round, so
  // that no gateway always runs right after another's load.
  const ordered = round % 2 === 1 ? gateways : [...gateways].reverse();
  let before = await measure(ceiling);
  const result: RoundResult = {
    measurements: [before],
    ceilingRuns: [before],
    gateways: new Map(),
    ceilings: new Map(),
  };
  for (const gateway of ordered) {
    const run = await measure(gateway);
    const after = await measure(ceiling);
    result.measurements.push(run, after);
    result.ceilingRuns.push(after);
    result.gateways.set(gateway.variant.name, run);
    result.ceilings.set(gateway.variant.name, ceilingAround(before, after));
    before = after;
  }
  return result;
}

async function runCreation(
  create: autocannon.Options,
  creator: RunningGateway,
  { createConnections, durationS }: Settings,
): Promise<Measurement> {
  log(`link creation: POST /api/links, ${createConnections} connections`);
  const run = await load(
    { ...create, duration: durationS, title: 'create' },
    creator.gateway.child,
    creator.receiver,
  );
  verify('POST /api/links', run.result, '2xx');
  return toMeasurement(`${creator.gateway.variant.name}: POST /api/links 201`, undefined, run);
}

async function readTracingCounters(
  gateways: RunningGateway[],
  slug: string,
): Promise<Map<string, TracingCheck>> {
  const checks = new Map<string, TracingCheck>();
  for (const { gateway, receiver } of gateways) {
    if (!receiver) continue;
    log(`reading the tracing counters of "${gateway.variant.name}"`);
    const dropped = await spansDropped(gateway, receiver, slug);
    const { invalid, lastInvalid } = await receiverStats(receiver);
    checks.set(gateway.variant.name, {
      dropped,
      droppedInDiagnostics: gateway.diagnostics.droppedSpans,
      invalidBodies: invalid,
      lastInvalid,
    });
  }
  return checks;
}
