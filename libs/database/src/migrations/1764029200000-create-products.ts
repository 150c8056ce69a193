/**
 * The product catalog. Two FULLTEXT indexes: on name and description for matching, and on the
 * name alone, so that a match in the name can rank above one in the description.
 */
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateProducts1764029200000 implements MigrationInterface {
  name = 'CreateProducts1764029200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE products (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
        sku VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
        name VARCHAR(200) NOT NULL,
        description TEXT NOT NULL,
        category VARCHAR(64) CHARACTER SET ascii NOT NULL,
        price DECIMAL(12, 2) NOT NULL,
        stock INT UNSIGNED NOT NULL DEFAULT 0,
        created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
        updated_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
        PRIMARY KEY (id),
        UNIQUE KEY uq_products_sku (sku),
        KEY ix_products_category_price (category, price),
        FULLTEXT KEY ft_products_text (name, description),
        FULLTEXT KEY ft_products_name (name)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE products');
  }
}
