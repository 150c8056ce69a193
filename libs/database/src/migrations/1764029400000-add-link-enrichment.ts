/** A link's category and one-line summary, from the worker's enrichment (NULL until then). */
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddLinkEnrichment1764029400000 implements MigrationInterface {
  name = 'AddLinkEnrichment1764029400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE links ADD COLUMN category VARCHAR(32) NULL, ADD COLUMN summary VARCHAR(255) NULL',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE links DROP COLUMN summary, DROP COLUMN category');
  }
}
