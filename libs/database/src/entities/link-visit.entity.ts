/**
 * One raw row per visit, keyed by the event id so a redelivered event cannot insert twice.
 * Raw rows allow any aggregation after the fact; the daily rollups keep reads cheap.
 */
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'link_visits' })
export class LinkVisitEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true })
  id!: string;

  @Column({ name: 'event_id', type: 'char', length: 36, charset: 'ascii', unique: true })
  eventId!: string;

  @Column({ name: 'link_id', type: 'bigint', unsigned: true })
  linkId!: string;

  @Column({ name: 'visited_at', type: 'datetime', precision: 3 })
  visitedAt!: Date;

  /** UTC day of visitedAt: the unit of the rollups and of the visitor hash's salt. */
  @Column({ name: 'visited_day', type: 'date' })
  visitedDay!: string;

  @Column({ name: 'referrer_host', type: 'varchar', length: 255, nullable: true })
  referrerHost!: string | null;

  @Column({ type: 'varchar', length: 64 })
  browser!: string;

  @Column({ type: 'varchar', length: 64 })
  os!: string;

  @Column({ type: 'varchar', length: 32 })
  device!: string;

  @Column({ name: 'is_bot', type: 'boolean' })
  isBot!: boolean;

  /** `qr` for a scan of the link's QR code (the short URL with `?qr=1`), else `direct`. */
  @Column({ type: 'varchar', length: 8, charset: 'ascii', default: 'direct' })
  source!: 'qr' | 'direct';

  /** Daily-salted hash of IP and user agent; the raw IP is never stored. */
  @Column({ name: 'visitor_hash', type: 'char', length: 64, charset: 'ascii' })
  visitorHash!: string;

  /** The worker's transaction that stored the row (see the concurrent-analytics migration). */
  @Column({ name: 'batch_id', type: 'bigint', unsigned: true, default: 0 })
  batchId!: string;
}
