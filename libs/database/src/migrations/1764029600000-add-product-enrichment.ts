/**
 * A product's classification by the worker's enrichment (NULL until then). Kept apart from
 * `category`, the shop's own, which the catalog filters on and an admin sets.
 */
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddProductEnrichment1764029600000 implements MigrationInterface {
  name = 'AddProductEnrichment1764029600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE products ADD COLUMN classified_category VARCHAR(32) NULL, ADD COLUMN summary VARCHAR(255) NULL',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE products DROP COLUMN summary, DROP COLUMN classified_category',
    );
  }
}
