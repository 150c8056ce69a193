/** Creates the links table. */
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateLinks1764028800000 implements MigrationInterface {
  name = 'CreateLinks1764028800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE links (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
        slug VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
        target_url VARCHAR(2048) NOT NULL,
        owner_id BIGINT UNSIGNED NULL,
        expires_at DATETIME(3) NULL,
        max_visits INT UNSIGNED NULL,
        visit_count INT UNSIGNED NOT NULL DEFAULT 0,
        created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
        deleted_at DATETIME(3) NULL,
        PRIMARY KEY (id),
        UNIQUE KEY uq_links_slug (slug),
        KEY ix_links_owner_created (owner_id, created_at)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE links');
  }
}
