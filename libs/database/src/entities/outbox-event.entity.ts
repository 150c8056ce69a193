/**
 * One event waiting in the transactional outbox: written in the same transaction as the change
 * it announces (or spilled there by the publisher while the broker is away), then sent by the
 * gateway's relay in `id` order and deleted once the broker confirmed it. `envelope` is the
 * event's JSON envelope, ids included, so a resend is recognised by the consumers.
 */
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'outbox' })
export class OutboxEventEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true })
  id!: string;

  /** The routing key. */
  @Column({ type: 'varchar', length: 128, charset: 'ascii' })
  type!: string;

  @Column({ type: 'mediumtext' })
  envelope!: string;

  /** The request that caused the event: its message carries the id, so logs join up. */
  @Column({ name: 'request_id', type: 'varchar', length: 128, charset: 'ascii', nullable: true })
  requestId!: string | null;

  /** The W3C trace context of that request: the publish continues its trace. */
  @Column({ type: 'varchar', length: 64, charset: 'ascii', nullable: true })
  traceparent!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;
}
