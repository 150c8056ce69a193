/**
 * Logging and telemetry shutdown for an app: nestjs-pino's Logger on the app's pino instance
 * (the same one the HTTP request log writes to), and, when the app closes, a flush of the
 * spans still queued and of the asynchronous log destination; the telemetry of runtime-settings
 * reloads (config_reloads_total, config_info, the log level). Import first in the root
 * module, so its shutdown hook runs after every other module's.
 */
import {
  Inject,
  Injectable,
  Module,
  type DynamicModule,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { trace, type TracerProvider } from '@opentelemetry/api';
import { LoggerModule } from 'nestjs-pino';
import type { Logger } from 'pino';
import { ConfigReloadObserver } from './config-reload/config-reload.observer';
import { AppLoggerModule } from './logging/app-logger.module';
import { APP_LOGGER } from './logging/logging.constants';

@Injectable()
class TelemetryFlushOnShutdown implements OnApplicationShutdown {
  constructor(@Inject(APP_LOGGER) private readonly logger: Logger) {}

  async onApplicationShutdown(): Promise<void> {
    const provider = sdkTracerProvider();
    if (provider) await provider.shutdown();
    this.logger.flush();
  }
}

@Module({})
export class ObservabilityModule {
  static forRoot(logger: Logger): DynamicModule {
    return {
      module: ObservabilityModule,
      imports: [
        // Requests are logged by the Fastify hook (it knows the route template), so no
        // pino-http middleware runs: `forRoutes: []`.
        LoggerModule.forRoot({ pinoHttp: { logger, autoLogging: false }, forRoutes: [] }),
        AppLoggerModule.forRoot(logger),
      ],
      providers: [TelemetryFlushOnShutdown, ConfigReloadObserver],
    };
  }
}

/** The SDK's provider behind the API's global proxy, when tracing was started. */
function sdkTracerProvider(): { shutdown(): Promise<void> } | undefined {
  const global = trace.getTracerProvider() as TracerProvider & { getDelegate?(): unknown };
  const delegate = global.getDelegate?.() as Partial<{ shutdown(): Promise<void> }> | undefined;
  return typeof delegate?.shutdown === 'function'
    ? (delegate as { shutdown(): Promise<void> })
    : undefined;
}
