/** Rollup: visits and unique visitors of one link on one UTC day. */
import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'link_daily_stats' })
export class LinkDailyStatsEntity {
  @PrimaryColumn({ name: 'link_id', type: 'bigint', unsigned: true })
  linkId!: string;

  @PrimaryColumn({ type: 'date' })
  day!: string;

  @Column({ type: 'int', unsigned: true })
  visits!: number;

  @Column({ name: 'unique_visitors', type: 'int', unsigned: true })
  uniqueVisitors!: number;
}
