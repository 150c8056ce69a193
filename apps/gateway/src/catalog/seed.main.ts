/**
 * `npm run seed -- --products 10000`: fills the catalog of the DB_* database with the
 * deterministic demo products of catalog-seed.ts, in batches of one parameterised INSERT each.
 * Running it again updates the same rows (by sku) instead of adding more.
 */
import 'reflect-metadata';
import { loadDatabaseConfig } from '@beacon/config';
import { createDataSource } from '@beacon/database';
import { parseArgs } from 'node:util';
import type { DataSource } from 'typeorm';
import { seedProducts, type SeedProduct } from './catalog-seed';

const USAGE = `usage: npm run seed -- --products <count>

Fills the products table of the DB_* database with <count> deterministic demo products
(skus SEED-000001...); a second run updates the same rows.
`;

const BATCH_SIZE = 1_000;
const MAX_PRODUCTS = 1_000_000;
const COLUMNS = ['sku', 'name', 'description', 'category', 'price', 'stock'] as const;

class UsageError extends Error {}

async function main(): Promise<void> {
  const count = productCount();
  const dataSource = await createDataSource(loadDatabaseConfig()).initialize();
  try {
    let batch: SeedProduct[] = [];
    for (const product of seedProducts(count)) {
      batch.push(product);
      if (batch.length === BATCH_SIZE) {
        await upsert(dataSource, batch);
        batch = [];
      }
    }
    if (batch.length > 0) await upsert(dataSource, batch);
    process.stdout.write(`seeded ${count} products\n`);
  } finally {
    await dataSource.destroy();
  }
}

async function upsert(dataSource: DataSource, products: SeedProduct[]): Promise<void> {
  const rows = products.map(() => `(${COLUMNS.map(() => '?').join(', ')})`).join(', ');
  const updates = COLUMNS.filter((column) => column !== 'sku')
    .map((column) => `${column} = VALUES(${column})`)
    .join(', ');
  await dataSource.query(
    `INSERT INTO products (${COLUMNS.join(', ')}) VALUES ${rows} ON DUPLICATE KEY UPDATE ${updates}`,
    products.flatMap((product) => COLUMNS.map((column) => product[column])),
  );
}

function productCount(): number {
  let values;
  try {
    ({ values } = parseArgs({
      options: { products: { type: 'string' }, help: { type: 'boolean' } },
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) {
    process.stdout.write(USAGE);
    process.exit(0);
  }
  const count = Number(values.products);
  if (!Number.isInteger(count) || count < 1 || count > MAX_PRODUCTS) {
    throw new UsageError(`--products must be a whole number from 1 to ${MAX_PRODUCTS}`);
  }
  return count;
}

main().catch((error: Error) => {
  process.stderr.write(`seed: ${error.message}\n`);
  if (error instanceof UsageError) process.stderr.write(`\n${USAGE}`);
  process.exit(error instanceof UsageError ? 2 : 1);
});
