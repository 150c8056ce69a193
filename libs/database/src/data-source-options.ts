/**
 * TypeORM options shared by the apps and the migration CLI. Never `synchronize`: the schema
 * changes only through the versioned migrations listed here.
 */
import type { DatabaseConfig } from '@beacon/config';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { ApiKeyEntity } from './entities/api-key.entity';
import { LinkDailyBreakdownEntity } from './entities/link-daily-breakdown.entity';
import { LinkDailyStatsEntity } from './entities/link-daily-stats.entity';
import { LinkVisitEntity } from './entities/link-visit.entity';
import { LinkEntity } from './entities/link.entity';
import { OutboxEventEntity } from './entities/outbox-event.entity';
import { ProductEntity } from './entities/product.entity';
import { RefreshTokenEntity } from './entities/refresh-token.entity';
import { UserEntity } from './entities/user.entity';
import { CreateLinks1764028800000 } from './migrations/1764028800000-create-links';
import { CreateLinkAnalytics1764028900000 } from './migrations/1764028900000-create-link-analytics';
import { CreateIdentity1764029000000 } from './migrations/1764029000000-create-identity';
import { AddLinkPassword1764029100000 } from './migrations/1764029100000-add-link-password';
import { CreateProducts1764029200000 } from './migrations/1764029200000-create-products';
import { CreateProductViews1764029300000 } from './migrations/1764029300000-create-product-views';
import { AddLinkEnrichment1764029400000 } from './migrations/1764029400000-add-link-enrichment';
import { CreateOutbox1764029500000 } from './migrations/1764029500000-create-outbox';
import { AddProductEnrichment1764029600000 } from './migrations/1764029600000-add-product-enrichment';
import { ConcurrentAnalyticsWrites1764029700000 } from './migrations/1764029700000-concurrent-analytics-writes';
import { CreateApiKeys1764029800000 } from './migrations/1764029800000-create-api-keys';

export const ENTITIES = [
  LinkEntity,
  LinkVisitEntity,
  LinkDailyStatsEntity,
  LinkDailyBreakdownEntity,
  UserEntity,
  RefreshTokenEntity,
  ProductEntity,
  OutboxEventEntity,
  ApiKeyEntity,
];

export const MIGRATIONS = [
  CreateLinks1764028800000,
  CreateLinkAnalytics1764028900000,
  CreateIdentity1764029000000,
  AddLinkPassword1764029100000,
  CreateProducts1764029200000,
  CreateProductViews1764029300000,
  AddLinkEnrichment1764029400000,
  CreateOutbox1764029500000,
  AddProductEnrichment1764029600000,
  ConcurrentAnalyticsWrites1764029700000,
  CreateApiKeys1764029800000,
];

type MysqlOptions = Extract<DataSourceOptions, { type: 'mysql' | 'mariadb' }>;

/** Below MariaDB's default wait_timeout (8 h) and any proxy's idle cut, so pooled sockets stay alive. */
const POOL_IDLE_TIMEOUT_MS = 60_000;

/**
 * A replica that went away must be skipped within a request's patience, not after the driver's
 * default 10 s: connection attempts to a replica give up after this.
 */
const REPLICA_CONNECT_TIMEOUT_MS = 1_000;

/** A data source of its own, for tools that run outside the apps (migrations, admin CLI). */
export function createDataSource(database: DatabaseConfig): DataSource {
  return new DataSource(createDataSourceOptions(database));
}

export function createDataSourceOptions(database: DatabaseConfig): MysqlOptions {
  return {
    type: 'mysql',
    host: database.host,
    port: database.port,
    username: database.user,
    password: database.password,
    database: database.name,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTransactionMode: 'each',
    synchronize: false,
    timezone: 'Z',
    charset: 'utf8mb4_unicode_ci',
    supportBigNumbers: true,
    bigNumberStrings: true,
    dateStrings: ['DATE'],
    poolSize: 10,
    extra: { enableKeepAlive: true, idleTimeout: POOL_IDLE_TIMEOUT_MS },
  };
}

/**
 * A read replica's pool: the primary's options with the replica's address and credentials, no
 * migrations (the schema arrives through replication) and a short connect timeout.
 */
export function createReplicaDataSourceOptions(replica: DatabaseConfig): MysqlOptions {
  return {
    ...createDataSourceOptions(replica),
    migrations: [],
    connectTimeout: REPLICA_CONNECT_TIMEOUT_MS,
  };
}
