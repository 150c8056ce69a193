/**
 * Rollup: visits of one link on one UTC day per value of one dimension (referrer host,
 * browser, os, device, bot, source).
 */
import { Column, Entity, PrimaryColumn } from 'typeorm';

export type VisitDimension =
  | 'referrer'
  | 'browser'
  | 'os'
  | 'device'
  | 'bot'
  | 'source'
  | 'country'
  /** One value, `withheld`: the visits that asked not to be tracked. */
  | 'privacy';

@Entity({ name: 'link_daily_breakdown' })
export class LinkDailyBreakdownEntity {
  @PrimaryColumn({ name: 'link_id', type: 'bigint', unsigned: true })
  linkId!: string;

  @PrimaryColumn({ type: 'date' })
  day!: string;

  @PrimaryColumn({ type: 'varchar', length: 16, charset: 'ascii' })
  dimension!: VisitDimension;

  @PrimaryColumn({ type: 'varchar', length: 255 })
  value!: string;

  @Column({ type: 'int', unsigned: true })
  visits!: number;
}
