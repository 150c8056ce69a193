/**
 * Webhooks (issue 21): each user's subscriptions, listed by owner and looked up by owner on every
 * event the worker fans out (`ix_webhooks_owner`). `secret_ciphertext` holds the signing secret
 * encrypted (the worker must sign with it, so it cannot be a hash). Links gain
 * `expiry_announced_at`: the conditional UPDATE that sets it once lets exactly one gateway
 * replica publish `link.expired`.
 */
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateWebhooks1764030200000 implements MigrationInterface {
  name = 'CreateWebhooks1764030200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE webhooks (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
        owner_id BIGINT UNSIGNED NOT NULL,
        url VARCHAR(2048) NOT NULL,
        events SET('link.visited', 'link.created', 'link.deleted', 'link.expired') NOT NULL,
        secret_ciphertext VARCHAR(255) CHARACTER SET ascii NOT NULL,
        created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
        last_delivery_at DATETIME(3) NULL,
        failing_since DATETIME(3) NULL,
        last_error VARCHAR(500) NULL,
        disabled_at DATETIME(3) NULL,
        disabled_reason VARCHAR(500) NULL,
        PRIMARY KEY (id),
        KEY ix_webhooks_owner (owner_id),
        CONSTRAINT fk_webhooks_owner FOREIGN KEY (owner_id) REFERENCES users (id) ON DELETE CASCADE
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await queryRunner.query('ALTER TABLE links ADD COLUMN expiry_announced_at DATETIME(3) NULL');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE links DROP COLUMN expiry_announced_at');
    await queryRunner.query('DROP TABLE webhooks');
  }
}
