/** Connects the app to MySQL/MariaDB with the shared options and the validated config. */
import { BEACON_CONFIG, type BeaconConfig } from '@beacon/config';
import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { createDataSourceOptions } from './data-source-options';

@Module({})
export class DatabaseModule {
  static forRoot(): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [BEACON_CONFIG],
          useFactory: (config: BeaconConfig) => ({
            ...createDataSourceOptions(config.database),
            retryAttempts: 3,
            retryDelay: 1000,
          }),
        }),
      ],
    };
  }
}
