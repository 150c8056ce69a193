/**
 * An API key: a script's or a CI job's credential that acts as its owner within its scopes.
 * Only the SHA-256 of the key is stored (the key itself is shown once, at creation); `prefix` is
 * its public beginning (`bk_1a2b3c4d`), shown in lists so that the owner can tell keys apart.
 * Revoking sets `revokedAt` rather than deleting the row, so a revoked key is refused as revoked
 * (and counted so) instead of as unknown. Deleting the owner deletes the keys.
 */
import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { UserEntity } from './user.entity';

/** What a key may do; the route-to-scope map is in docs/architecture.md ("API keys"). */
export const API_KEY_SCOPES = [
  'links:read',
  'links:write',
  'stats:read',
  'products:write',
] as const;

export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

@Entity({ name: 'api_keys' })
export class ApiKeyEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true })
  id!: string;

  @Column({ name: 'user_id', type: 'bigint', unsigned: true })
  userId!: string;

  /** Loaded with the key on each authenticated request (one query: role and status now). */
  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'user_id' })
  owner?: UserEntity;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'char', length: 11, charset: 'ascii' })
  prefix!: string;

  @Column({ name: 'key_hash', type: 'char', length: 64, charset: 'ascii', unique: true })
  keyHash!: string;

  @Column({ type: 'set', enum: API_KEY_SCOPES })
  scopes!: ApiKeyScope[];

  @Column({ name: 'expires_at', type: 'datetime', precision: 3, nullable: true })
  expiresAt!: Date | null;

  /** Written at most once a minute per key, not on every request. */
  @Column({ name: 'last_used_at', type: 'datetime', precision: 3, nullable: true })
  lastUsedAt!: Date | null;

  @Column({ name: 'revoked_at', type: 'datetime', precision: 3, nullable: true })
  revokedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;
}
