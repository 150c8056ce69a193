/**
 * Creates the API keys: looked up by the SHA-256 of the presented key on every request made with
 * one (a unique index), listed by owner, and gone with their owner.
 */
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateApiKeys1764029800000 implements MigrationInterface {
  name = 'CreateApiKeys1764029800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE api_keys (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
        user_id BIGINT UNSIGNED NOT NULL,
        name VARCHAR(100) NOT NULL,
        prefix CHAR(11) CHARACTER SET ascii NOT NULL,
        key_hash CHAR(64) CHARACTER SET ascii NOT NULL,
        scopes SET('links:read', 'links:write', 'stats:read', 'products:write') NOT NULL,
        expires_at DATETIME(3) NULL,
        last_used_at DATETIME(3) NULL,
        revoked_at DATETIME(3) NULL,
        created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
        PRIMARY KEY (id),
        UNIQUE KEY uq_api_keys_hash (key_hash),
        KEY ix_api_keys_user (user_id),
        CONSTRAINT fk_api_keys_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE api_keys');
  }
}
