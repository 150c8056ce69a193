/** Worker entry point: validate the environment, start the consumers, serve health on PORT. */
import 'reflect-metadata';
import { loadConfigOrExit } from '@beacon/config';
import { createWorkerApp } from './worker-app';

async function bootstrap(): Promise<void> {
  const config = loadConfigOrExit('worker');
  const app = await createWorkerApp(config);
  app.enableShutdownHooks();
  await app.startAllMicroservices();
  await app.listen(config.http.port, '0.0.0.0');
}

void bootstrap();
