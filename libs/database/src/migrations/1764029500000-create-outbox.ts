/** The transactional outbox: events waiting for the gateway's relay to publish them. */
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateOutbox1764029500000 implements MigrationInterface {
  name = 'CreateOutbox1764029500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE outbox (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
        type VARCHAR(128) CHARACTER SET ascii NOT NULL,
        envelope MEDIUMTEXT NOT NULL,
        request_id VARCHAR(128) CHARACTER SET ascii NULL,
        traceparent VARCHAR(64) CHARACTER SET ascii NULL,
        created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
        PRIMARY KEY (id)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE outbox');
  }
}
