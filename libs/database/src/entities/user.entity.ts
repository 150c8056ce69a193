/**
 * An account. Emails are stored trimmed and lower-cased, and the column's collation compares
 * case-insensitively as well, so `Ann@x.io` and `ann@x.io` can never be two accounts. Only the
 * password's argon2id hash is kept. A disabled account keeps its rows (its links stay owned) but
 * can neither log in nor use a token it still holds.
 */
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type UserRole = 'user' | 'admin';

@Entity({ name: 'users' })
export class UserEntity {
  /** BIGINT: mysql2 returns it as a string, and so do we. */
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true })
  id!: string;

  @Column({ type: 'varchar', length: 254, unique: true })
  email!: string;

  @Column({ name: 'password_hash', type: 'varchar', length: 255 })
  passwordHash!: string;

  @Column({ type: 'enum', enum: ['user', 'admin'], default: 'user' })
  role!: UserRole;

  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ name: 'disabled_at', type: 'datetime', precision: 3, nullable: true })
  disabledAt!: Date | null;
}
