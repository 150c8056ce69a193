// The bench:connections sequence: a migrated throw-away database and AMQP prefix, the built
// worker and the built gateway (production defaults, exporting spans to an OTLP receiver of its
// own) and the ceiling, one link; then the same open-loop load on the ceiling, then on the
// gateway; then the visits check (visit-check.mts), the report and the verdict.
import { randomBytes } from 'node:crypto';
import { assertRunning } from './child-processes.mts';
import { printConnectionsReport, type ConnectionsReport } from './connections-report.mts';
import type { ConnectionsSettings } from './connections-settings.mts';
import { connectionsProblems } from './connections-verdict.mts';
import { GATEWAY_VARIANTS } from './gateway-variants.mts';
import { log } from './log.mts';
import { runOpenLoop } from './open-loop-run.mts';
import { startReceiver } from './otlp-receivers.mts';
import {
  benchAuthorization,
  checkRedirect,
  createLink,
  migrateDatabase,
  runConfig,
  startCeiling,
  startGateway,
  startWorker,
} from './servers.mts';
import { checkVisits } from './visit-check.mts';

const PRODUCTION = GATEWAY_VARIANTS.find((variant) => variant.name === 'production')!;
const name = `beacon_conn_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;

/** Resolves to the problems found (none: the run passed). */
export async function benchConnections(settings: ConnectionsSettings): Promise<string[]> {
  log(`run ${name}: database and AMQP prefix`);
  await migrateDatabase(name);
  await startWorker(name, () => {});
  const receiver = await startReceiver(PRODUCTION.name);
  const gateway = await startGateway(name, PRODUCTION, receiver.base);
  const slug = await createLink(gateway.base, await benchAuthorization(gateway.base));
  const ceiling = await startCeiling(slug);
  await checkRedirect(ceiling.base, slug);
  // Each check is a visit too: the rollup must count them.
  let checks = 0;
  await checkRedirect(gateway.base, slug);
  checks++;

  const ceilingRun = await runOpenLoop('ceiling', ceiling, slug, settings);
  const linesBefore = { all: gateway.child.lineCount, errors: gateway.child.errorLineCount };
  const gatewayRun = await runOpenLoop('gateway', gateway, slug, settings);
  const gatewayLines = gateway.child.lineCount - linesBefore.all;
  const gatewayErrorLines = gateway.child.errorLineCount - linesBefore.errors;
  await checkRedirect(gateway.base, slug);
  checks++;
  assertRunning(gateway.child);

  const served = (gatewayRun.result.all.statuses['302'] ?? 0) + checks;
  const visits = await checkVisits(gateway, runConfig(name).database, served);
  const report: ConnectionsReport = {
    settings,
    runs: [ceilingRun, gatewayRun],
    visits,
    gatewayLines: {
      count: gatewayLines,
      last: gatewayLines === 0 ? [] : gateway.child.output.slice(-Math.min(gatewayLines, 10)),
    },
  };
  printConnectionsReport(report);
  return connectionsProblems(report, gatewayErrorLines);
}
