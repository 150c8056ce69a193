/**
 * The readiness probe of a MySQL/MariaDB pool: `SELECT 1` through the pool the app's queries
 * use, so a pool that cannot hand out a connection fails it as the server being down would.
 * The driver cannot cancel a query: past the check's timeout it is abandoned (and the checks
 * wait for it to settle before sending another).
 */
import type { DependencyProbe } from '@beacon/observability';
import type { DataSource } from 'typeorm';

export function mysqlProbe(
  dependency: string,
  dataSource: DataSource,
  required: boolean,
): DependencyProbe {
  return {
    dependency,
    required,
    async check() {
      if (!dataSource.isInitialized) throw new Error('not connected');
      await dataSource.query('SELECT 1');
    },
  };
}
