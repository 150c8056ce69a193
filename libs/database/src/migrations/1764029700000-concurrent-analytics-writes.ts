/**
 * Lets the worker store several batches at once without locking reads (issue 16):
 * - `link_daily_visitors` keys each visitor once per link and day, so a new unique visitor is
 *   an INSERT IGNORE that went in, not a locking read of the raw visits; it is filled from the
 *   visits already stored, so today's counts go on from where they were;
 * - `batch_id` on the raw tables and the visitor table names the transaction that stored a row:
 *   after an INSERT IGNORE that skipped some rows, the batch reads back which ones were its own;
 * - the raw visits' (link, day, visitor) index served only the locking read, and goes.
 */
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ConcurrentAnalyticsWrites1764029700000 implements MigrationInterface {
  name = 'ConcurrentAnalyticsWrites1764029700000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE link_daily_visitors (
        link_id BIGINT UNSIGNED NOT NULL,
        day DATE NOT NULL,
        visitor_hash CHAR(64) CHARACTER SET ascii NOT NULL,
        batch_id BIGINT UNSIGNED NOT NULL,
        PRIMARY KEY (link_id, day, visitor_hash)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await queryRunner.query(`
      INSERT INTO link_daily_visitors (link_id, day, visitor_hash, batch_id)
      SELECT DISTINCT link_id, visited_day, visitor_hash, 0 FROM link_visits`);
    await queryRunner.query(
      `ALTER TABLE link_visits ADD COLUMN batch_id BIGINT UNSIGNED NOT NULL DEFAULT 0,
       DROP INDEX ix_link_visits_link_day_visitor`,
    );
    await queryRunner.query(
      'ALTER TABLE product_views ADD COLUMN batch_id BIGINT UNSIGNED NOT NULL DEFAULT 0',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE product_views DROP COLUMN batch_id');
    await queryRunner.query(
      `ALTER TABLE link_visits DROP COLUMN batch_id,
       ADD KEY ix_link_visits_link_day_visitor (link_id, visited_day, visitor_hash)`,
    );
    await queryRunner.query('DROP TABLE link_daily_visitors');
  }
}
