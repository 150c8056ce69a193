/** Worker entry point: validate the environment, start the consumers, serve health on PORT. */
import 'reflect-metadata';
import { loadConfigOrExit } from '@beacon/config';
import { stopTracing } from '@beacon/observability/tracing';
import { shutDownGracefullyOnSignals } from '@beacon/resilience';
import { Logger } from '@nestjs/common';
import { createWorkerApp } from './worker-app';
import { helpAsked, USAGE } from './start-usage';

async function bootstrap(): Promise<void> {
  const config = loadConfigOrExit('worker');
  const app = await createWorkerApp(config);
  shutDownGracefullyOnSignals(app, {
    timeoutMs: config.shutdown.timeoutMs,
    logger: new Logger('Shutdown'),
    afterClose: stopTracing,
  });
  await app.startAllMicroservices();
  await app.listen(config.http.port, '0.0.0.0');
}

if (helpAsked()) process.stdout.write(USAGE);
else void bootstrap();
