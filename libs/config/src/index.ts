export {
  BEACON_CONFIG,
  InjectConfig,
  loadConfig,
  loadAdminPassword,
  loadDatabaseConfig,
  loadRabbitConfig,
  type EnvironmentSource,
} from './beacon-config';
export type {
  AiAgentConfig,
  AppName,
  BeaconConfig,
  DatabaseConfig,
  DatabasePoolConfig,
  DemoFaults,
  HealthConfig,
  LiveVisitsConfig,
  RabbitConfig,
  RateLimitBucket,
  ReadReplicasConfig,
  TracingConfig,
  VisitsConfig,
  WebhooksConfig,
} from './config-sections';
export { ConfigModule } from './config.module';
export { loadConfigOrExit } from './load-config-or-exit';
export { ConfigValidationError } from './config-validation.error';
export { ConfigReloader, type ConfigReload } from './runtime/config-reloader';
export { RELOADABLE_KEYS } from './runtime/reloadable-keys';
