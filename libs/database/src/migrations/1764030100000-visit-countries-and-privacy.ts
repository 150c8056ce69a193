/**
 * Issue 21: each raw visit keeps its country (ISO 3166-1 alpha-2, null when unknown) and
 * whether it was withheld (GPC or DNT): such a visit keeps nothing that could describe its
 * visitor, so those columns take NULL. Rollups need no change: countries and the withheld count
 * are dimensions of link_daily_breakdown.
 */
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class VisitCountriesAndPrivacy1764030100000 implements MigrationInterface {
  name = 'VisitCountriesAndPrivacy1764030100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE link_visits
       ADD COLUMN country CHAR(2) CHARACTER SET ascii NULL AFTER source,
       ADD COLUMN withheld TINYINT(1) NOT NULL DEFAULT 0 AFTER country,
       MODIFY browser VARCHAR(64) NULL,
       MODIFY os VARCHAR(64) NULL,
       MODIFY device VARCHAR(32) NULL,
       MODIFY source VARCHAR(8) CHARACTER SET ascii NULL DEFAULT 'direct',
       MODIFY visitor_hash CHAR(64) CHARACTER SET ascii NULL,
       ADD KEY ix_link_visits_day (visited_day)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DELETE FROM link_visits WHERE withheld = 1');
    await queryRunner.query(
      `ALTER TABLE link_visits
       DROP KEY ix_link_visits_day,
       DROP COLUMN withheld,
       DROP COLUMN country,
       MODIFY browser VARCHAR(64) NOT NULL,
       MODIFY os VARCHAR(64) NOT NULL,
       MODIFY device VARCHAR(32) NOT NULL,
       MODIFY source VARCHAR(8) CHARACTER SET ascii NOT NULL DEFAULT 'direct',
       MODIFY visitor_hash CHAR(64) CHARACTER SET ascii NOT NULL`,
    );
    await queryRunner.query(
      "DELETE FROM link_daily_breakdown WHERE dimension IN ('country', 'privacy')",
    );
  }
}
