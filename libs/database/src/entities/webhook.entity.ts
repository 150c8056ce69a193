/**
 * A webhook: its owner's URL that receives the chosen link events, signed with a secret shown
 * once at creation. The secret is stored encrypted (`secretCiphertext`, see docs/security.md),
 * never in clear. The worker records each delivery's outcome here: `failingSince` from the
 * first failure after a success, and `disabledAt`/`disabledReason` once it failed too long.
 */
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** The events a webhook may subscribe to. */
export const WEBHOOK_EVENTS = [
  'link.visited',
  'link.created',
  'link.deleted',
  'link.expired',
] as const;

export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

@Entity({ name: 'webhooks' })
export class WebhookEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true })
  id!: string;

  @Column({ name: 'owner_id', type: 'bigint', unsigned: true })
  ownerId!: string;

  @Column({ type: 'varchar', length: 2048 })
  url!: string;

  @Column({ type: 'set', enum: WEBHOOK_EVENTS })
  events!: WebhookEvent[];

  @Column({ name: 'secret_ciphertext', type: 'varchar', length: 255, charset: 'ascii' })
  secretCiphertext!: string;

  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ name: 'last_delivery_at', type: 'datetime', precision: 3, nullable: true })
  lastDeliveryAt!: Date | null;

  @Column({ name: 'failing_since', type: 'datetime', precision: 3, nullable: true })
  failingSince!: Date | null;

  @Column({ name: 'last_error', type: 'varchar', length: 500, nullable: true })
  lastError!: string | null;

  @Column({ name: 'disabled_at', type: 'datetime', precision: 3, nullable: true })
  disabledAt!: Date | null;

  @Column({ name: 'disabled_reason', type: 'varchar', length: 500, nullable: true })
  disabledReason!: string | null;
}
