/**
 * Product views: one row per product.viewed event (its id is the idempotency key) and the daily
 * rollup the top-products endpoint reads. The rollup's second index covers the ranking query
 * (a range of days, summed per product) without touching the table's rows.
 */
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateProductViews1764029300000 implements MigrationInterface {
  name = 'CreateProductViews1764029300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE product_views (
        event_id CHAR(36) CHARACTER SET ascii NOT NULL,
        product_id BIGINT UNSIGNED NOT NULL,
        viewed_at DATETIME(3) NOT NULL,
        PRIMARY KEY (event_id),
        KEY ix_product_views_product_time (product_id, viewed_at)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await queryRunner.query(`
      CREATE TABLE product_daily_views (
        product_id BIGINT UNSIGNED NOT NULL,
        day DATE NOT NULL,
        views INT UNSIGNED NOT NULL,
        PRIMARY KEY (product_id, day),
        KEY ix_product_daily_views_day (day, product_id, views)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE product_daily_views');
    await queryRunner.query('DROP TABLE product_views');
  }
}
