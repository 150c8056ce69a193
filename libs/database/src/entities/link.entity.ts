/**
 * A short link. Slugs compare case-sensitively (ascii_bin): random slugs use 62 letters, so
 * `AbC` and `abc` are different links. Deleting is soft: the slug stays taken, so a short URL
 * that was once shared can never start pointing somewhere else.
 */
import {
  Column,
  CreateDateColumn,
  DeleteDateColumn,
  Entity,
  PrimaryGeneratedColumn,
} from 'typeorm';

@Entity({ name: 'links' })
export class LinkEntity {
  /** BIGINT: mysql2 returns it as a string, and so do we. */
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true })
  id!: string;

  @Column({ type: 'varchar', length: 64, charset: 'ascii', collation: 'ascii_bin', unique: true })
  slug!: string;

  @Column({ name: 'target_url', type: 'varchar', length: 2048 })
  targetUrl!: string;

  @Column({ name: 'owner_id', type: 'bigint', unsigned: true, nullable: true })
  ownerId!: string | null;

  @Column({ name: 'expires_at', type: 'datetime', precision: 3, nullable: true })
  expiresAt!: Date | null;

  @Column({ name: 'max_visits', type: 'int', unsigned: true, nullable: true })
  maxVisits!: number | null;

  /** argon2id hash of the link's password; null for a link anyone may follow. */
  @Column({ name: 'password_hash', type: 'varchar', length: 255, nullable: true })
  passwordHash!: string | null;

  /** The enrichment's category (one of a fixed set), or null until the worker classified it. */
  @Column({ type: 'varchar', length: 32, nullable: true })
  category!: string | null;

  /** The enrichment's one-line summary, or null until the worker classified it. */
  @Column({ type: 'varchar', length: 255, nullable: true })
  summary!: string | null;

  /** Counted at redirect time only for links with maxVisits; analytics count the rest. */
  @Column({ name: 'visit_count', type: 'int', unsigned: true, default: 0 })
  visitCount!: number;

  /**
   * When `link.expired` was published: set once, by the first redirect that found the link
   * expired or used up (a conditional UPDATE, so one replica publishes it); cleared when an edit
   * changes the expiry or the visit limit.
   */
  @Column({ name: 'expiry_announced_at', type: 'datetime', precision: 3, nullable: true })
  expiryAnnouncedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @DeleteDateColumn({ name: 'deleted_at', type: 'datetime', precision: 3, nullable: true })
  deletedAt!: Date | null;
}
