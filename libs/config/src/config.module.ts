/**
 * Makes the already-validated BeaconConfig injectable everywhere. Validation happens before
 * Nest starts (in main.ts, or in a test), so a bad environment never gets as far as DI. The
 * ConfigReloader keeps the object's reloadable settings in step with RUNTIME_CONFIG_FILE.
 */
import { Global, Module, type DynamicModule } from '@nestjs/common';
import { BEACON_CONFIG } from './beacon-config';
import type { BeaconConfig } from './config-sections';
import { ConfigReloader } from './runtime/config-reloader';

@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: BeaconConfig): DynamicModule {
    return {
      module: ConfigModule,
      providers: [{ provide: BEACON_CONFIG, useValue: config }, ConfigReloader],
      exports: [BEACON_CONFIG, ConfigReloader],
    };
  }
}
