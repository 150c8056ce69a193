/**
 * TypeORM options shared by the apps and the migration CLI. Never `synchronize`: the schema
 * changes only through the versioned migrations listed here.
 */
import type { DatabaseConfig } from '@beacon/config';
import type { DataSourceOptions } from 'typeorm';
import { LinkDailyBreakdownEntity } from './entities/link-daily-breakdown.entity';
import { LinkDailyStatsEntity } from './entities/link-daily-stats.entity';
import { LinkVisitEntity } from './entities/link-visit.entity';
import { LinkEntity } from './entities/link.entity';
import { CreateLinks1764028800000 } from './migrations/1764028800000-create-links';
import { CreateLinkAnalytics1764028900000 } from './migrations/1764028900000-create-link-analytics';

export const ENTITIES = [
  LinkEntity,
  LinkVisitEntity,
  LinkDailyStatsEntity,
  LinkDailyBreakdownEntity,
];

export const MIGRATIONS = [CreateLinks1764028800000, CreateLinkAnalytics1764028900000];

/** Below MariaDB's default wait_timeout (8 h) and any proxy's idle cut, so pooled sockets stay alive. */
const POOL_IDLE_TIMEOUT_MS = 60_000;

export function createDataSourceOptions(database: DatabaseConfig): DataSourceOptions {
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
