/**
 * Link tags (issue 20): up to 10 per link, lower-case ASCII, so `ascii_bin` orders them as the
 * API sorts them. The primary key reads a link's tags; (tag, link_id) serves a filter on a tag
 * that few of the owner's links carry. A hard delete of a link takes its tags with it; the API's
 * soft delete removes them in its own transaction.
 */
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateLinkTags1764029900000 implements MigrationInterface {
  name = 'CreateLinkTags1764029900000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE link_tags (
        link_id BIGINT UNSIGNED NOT NULL,
        tag VARCHAR(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
        PRIMARY KEY (link_id, tag),
        KEY ix_link_tags_tag_link (tag, link_id),
        CONSTRAINT fk_link_tags_link FOREIGN KEY (link_id) REFERENCES links (id) ON DELETE CASCADE
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE link_tags');
  }
}
