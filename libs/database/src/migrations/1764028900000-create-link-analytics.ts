/** Creates the raw visits table and the daily rollups the stats endpoint reads. */
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateLinkAnalytics1764028900000 implements MigrationInterface {
  name = 'CreateLinkAnalytics1764028900000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE link_visits (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
        event_id CHAR(36) CHARACTER SET ascii NOT NULL,
        link_id BIGINT UNSIGNED NOT NULL,
        visited_at DATETIME(3) NOT NULL,
        visited_day DATE NOT NULL,
        referrer_host VARCHAR(255) NULL,
        browser VARCHAR(64) NOT NULL,
        os VARCHAR(64) NOT NULL,
        device VARCHAR(32) NOT NULL,
        is_bot TINYINT(1) NOT NULL,
        visitor_hash CHAR(64) CHARACTER SET ascii NOT NULL,
        PRIMARY KEY (id),
        UNIQUE KEY uq_link_visits_event (event_id),
        KEY ix_link_visits_link_time (link_id, visited_at),
        KEY ix_link_visits_link_day_visitor (link_id, visited_day, visitor_hash)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await queryRunner.query(`
      CREATE TABLE link_daily_stats (
        link_id BIGINT UNSIGNED NOT NULL,
        day DATE NOT NULL,
        visits INT UNSIGNED NOT NULL,
        unique_visitors INT UNSIGNED NOT NULL,
        PRIMARY KEY (link_id, day)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await queryRunner.query(`
      CREATE TABLE link_daily_breakdown (
        link_id BIGINT UNSIGNED NOT NULL,
        day DATE NOT NULL,
        dimension VARCHAR(16) CHARACTER SET ascii NOT NULL,
        value VARCHAR(255) NOT NULL,
        visits INT UNSIGNED NOT NULL,
        PRIMARY KEY (link_id, day, dimension, value)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE link_daily_breakdown');
    await queryRunner.query('DROP TABLE link_daily_stats');
    await queryRunner.query('DROP TABLE link_visits');
  }
}
