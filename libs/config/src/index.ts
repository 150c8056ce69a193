export {
  BEACON_CONFIG,
  InjectConfig,
  loadConfig,
  loadAdminPassword,
  loadDatabaseConfig,
  loadRabbitConfig,
  type AppName,
  type BeaconConfig,
  type DatabaseConfig,
  type DemoFaults,
  type EnvironmentSource,
  type RabbitConfig,
  type ReadReplicasConfig,
  type TracingConfig,
  type VisitsConfig,
} from './beacon-config';
export { ConfigModule } from './config.module';
export { loadConfigOrExit } from './load-config-or-exit';
export { ConfigValidationError } from './config-validation.error';
