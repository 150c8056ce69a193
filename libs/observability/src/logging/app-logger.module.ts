/**
 * The app's pino logger, injectable anywhere in the app as APP_LOGGER, for code that writes
 * structured lines itself rather than through Nest's Logger: the telemetry flush at shutdown,
 * the metrics port's request lines. Global like the config (one logger per app); it has no
 * lifecycle hooks, so being global moves no startup or shutdown step.
 */
import { Global, Module, type DynamicModule } from '@nestjs/common';
import type { Logger } from 'pino';
import { APP_LOGGER } from './logging.constants';

@Global()
@Module({})
export class AppLoggerModule {
  static forRoot(logger: Logger): DynamicModule {
    return {
      module: AppLoggerModule,
      providers: [{ provide: APP_LOGGER, useValue: logger }],
      exports: [APP_LOGGER],
    };
  }
}
