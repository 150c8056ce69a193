/**
 * Where a visit came from (issue 20): `qr` for a scan of the link's QR code, `direct` otherwise.
 * Every visit stored before QR codes existed was direct: the raw rows get the column's default,
 * and each day already rolled up gets its `source` breakdown (all its visits direct), so a
 * link's sources add up to its visits on old days as on new ones.
 */
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddVisitSource1764030000000 implements MigrationInterface {
  name = 'AddVisitSource1764030000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE link_visits
       ADD COLUMN source VARCHAR(8) CHARACTER SET ascii NOT NULL DEFAULT 'direct' AFTER is_bot`,
    );
    await queryRunner.query(`
      INSERT INTO link_daily_breakdown (link_id, day, dimension, value, visits)
      SELECT link_id, day, 'source', 'direct', visits FROM link_daily_stats`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DELETE FROM link_daily_breakdown WHERE dimension = 'source'");
    await queryRunner.query('ALTER TABLE link_visits DROP COLUMN source');
  }
}
