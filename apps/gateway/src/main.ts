/** Gateway entry point: validate the environment, build the app, listen on PORT. */
import 'reflect-metadata';
import { loadConfigOrExit } from '@beacon/config';
import { stopTracing } from '@beacon/observability/tracing';
import { shutDownGracefullyOnSignals } from '@beacon/resilience';
import { Logger } from '@nestjs/common';
import { createGatewayApp } from './gateway-app';
import { helpAsked, USAGE } from './start-usage';

async function bootstrap(): Promise<void> {
  const config = loadConfigOrExit('gateway');
  const app = await createGatewayApp(config);
  shutDownGracefullyOnSignals(app, {
    timeoutMs: config.shutdown.timeoutMs,
    logger: new Logger('Shutdown'),
    afterClose: stopTracing,
  });
  await app.listen(config.http.port, '0.0.0.0');
}

if (helpAsked()) process.stdout.write(USAGE);
else void bootstrap();
