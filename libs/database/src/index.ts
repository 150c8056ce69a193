export { DatabaseModule } from './database.module';
export { LinkEntity } from './entities/link.entity';
export { LinkTagEntity } from './entities/link-tag.entity';
export { LinkVisitEntity } from './entities/link-visit.entity';
export { LinkDailyStatsEntity } from './entities/link-daily-stats.entity';
export {
  LinkDailyBreakdownEntity,
  type VisitDimension,
} from './entities/link-daily-breakdown.entity';
export { UserEntity, type UserRole } from './entities/user.entity';
export { RefreshTokenEntity } from './entities/refresh-token.entity';
export { ApiKeyEntity, API_KEY_SCOPES, type ApiKeyScope } from './entities/api-key.entity';
export { WebhookEntity, WEBHOOK_EVENTS, type WebhookEvent } from './entities/webhook.entity';
export { ProductEntity } from './entities/product.entity';
export { OutboxEventEntity } from './entities/outbox-event.entity';
export { createDataSource, createReplicaDataSourceOptions } from './data-source-options';
export { mysqlProbe } from './mysql.probe';
export { isDeadlockError, isDuplicateEntryError } from './mysql-errors';
export { dropDatabase, migrateDatabase } from './migrate-database';
export { pendingMigrations, waitForSchema } from './schema-wait';
