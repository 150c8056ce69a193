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
import { LinkTagEntity } from './entities/link-tag.entity';
import { OutboxEventEntity } from './entities/outbox-event.entity';
import { ProductEntity } from './entities/product.entity';
import { RefreshTokenEntity } from './entities/refresh-token.entity';
import { UserEntity } from './entities/user.entity';
import { WebhookEntity } from './entities/webhook.entity';
import { pooledMysqlDriver } from './pool/pooled-mysql-driver';
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
import { CreateLinkTags1764029900000 } from './migrations/1764029900000-create-link-tags';
import { AddVisitSource1764030000000 } from './migrations/1764030000000-add-visit-source';
import { VisitCountriesAndPrivacy1764030100000 } from './migrations/1764030100000-visit-countries-and-privacy';
import { CreateWebhooks1764030200000 } from './migrations/1764030200000-create-webhooks';

export const ENTITIES = [
  LinkEntity,
  LinkTagEntity,
  LinkVisitEntity,
  LinkDailyStatsEntity,
  LinkDailyBreakdownEntity,
  UserEntity,
  RefreshTokenEntity,
  ProductEntity,
  OutboxEventEntity,
  ApiKeyEntity,
  WebhookEntity,
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
  CreateLinkTags1764029900000,
  AddVisitSource1764030000000,
  VisitCountriesAndPrivacy1764030100000,
  CreateWebhooks1764030200000,
];

type MysqlOptions = Extract<DataSourceOptions, { type: 'mysql' | 'mariadb' }>;

/** The label of the apps' own pool in `db_pool_connections`. */
const PRIMARY_POOL = 'primary';

/**
 * A replica that went away must be skipped within a request's patience: connection attempts to
 * a replica give up after this, or sooner if DB_CONNECT_TIMEOUT_MS says so.
 */
const REPLICA_CONNECT_TIMEOUT_MS = 1_000;

/** A data source of its own, for tools that run outside the apps (migrations, admin CLI). */
export function createDataSource(database: DatabaseConfig): DataSource {
  return new DataSource(createDataSourceOptions(database));
}

export function createDataSourceOptions(
  database: DatabaseConfig,
  poolName = PRIMARY_POOL,
): MysqlOptions {
  const { pool } = database;
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
    poolSize: pool.size,
    connectTimeout: pool.connectTimeoutMs,
    extra: {
      enableKeepAlive: true,
      // Below MariaDB's wait_timeout (8 h) and any proxy's idle cut, so pooled sockets stay alive.
      idleTimeout: pool.idleTimeoutMs,
      // mysql2 closes idle connections only when maxIdle is below the pool's size (its reaper
      // does not run otherwise; node-mysql2 #3020): one fewer, so after a burst at most
      // size - 1 stay idle, until idleTimeout closes them too (a pool of one closes its
      // connection within a second of going idle).
      maxIdle: pool.size - 1,
    },
    driver: pooledMysqlDriver(poolName, pool.maxLifetimeMs),
  };
}

/**
 * A read replica's pool: the primary's options with the replica's address and credentials, no
 * migrations (the schema arrives through replication), a short connect timeout, and its own
 * label, `replica:<host:port>`, in `db_pool_connections`.
 */
export function createReplicaDataSourceOptions(replica: DatabaseConfig): MysqlOptions {
  return {
    ...createDataSourceOptions(replica, `replica:${replica.host}:${replica.port}`),
    migrations: [],
    connectTimeout: Math.min(replica.pool.connectTimeoutMs, REPLICA_CONNECT_TIMEOUT_MS),
  };
}
