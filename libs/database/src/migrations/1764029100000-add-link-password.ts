/** Password-protected links: the argon2id hash of a link's password, or NULL for an open link. */
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddLinkPassword1764029100000 implements MigrationInterface {
  name = 'AddLinkPassword1764029100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE links ADD COLUMN password_hash VARCHAR(255) NULL');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE links DROP COLUMN password_hash');
  }
}
