/**
 * One refresh token, stored as the SHA-256 of its random value (the value itself is shown to the
 * client once). Tokens descending from one login share a `familyId`: each refresh marks its
 * token used and issues the next one in the family, and presenting a used token revokes the
 * whole family, because it means the token was copied.
 */
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'refresh_tokens' })
export class RefreshTokenEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true })
  id!: string;

  @Column({ name: 'user_id', type: 'bigint', unsigned: true })
  userId!: string;

  @Column({ name: 'family_id', type: 'char', length: 36, charset: 'ascii' })
  familyId!: string;

  @Column({ name: 'token_hash', type: 'char', length: 64, charset: 'ascii', unique: true })
  tokenHash!: string;

  @Column({ name: 'expires_at', type: 'datetime', precision: 3 })
  expiresAt!: Date;

  @Column({ name: 'used_at', type: 'datetime', precision: 3, nullable: true })
  usedAt!: Date | null;

  @Column({ name: 'revoked_at', type: 'datetime', precision: 3, nullable: true })
  revokedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;
}
