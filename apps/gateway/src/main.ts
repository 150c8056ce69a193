/** Gateway entry point: validate the environment, build the app, listen on PORT. */
import 'reflect-metadata';
import { loadConfigOrExit } from '@beacon/config';
import { createGatewayApp } from './gateway-app';

async function bootstrap(): Promise<void> {
  const config = loadConfigOrExit('gateway');
  const app = await createGatewayApp(config);
  app.enableShutdownHooks();
  await app.listen(config.http.port, '0.0.0.0');
}

void bootstrap();
