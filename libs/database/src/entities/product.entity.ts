/**
 * A product of the catalog. `price` is DECIMAL(12,2): mysql2 returns it as a string, exact, and
 * so does the entity; the API turns it into a JSON number with two decimals at most.
 */
import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

@Entity({ name: 'products' })
export class ProductEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true })
  id!: string;

  @Column({ type: 'varchar', length: 64, charset: 'ascii', collation: 'ascii_bin', unique: true })
  sku!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'text' })
  description!: string;

  @Column({ type: 'varchar', length: 64, charset: 'ascii' })
  category!: string;

  @Column({ type: 'decimal', precision: 12, scale: 2 })
  price!: string;

  @Column({ type: 'int', unsigned: true, default: 0 })
  stock!: number;

  /** The enrichment's category (from a fixed set; NULL until the worker classified it). */
  @Column({ name: 'classified_category', type: 'varchar', length: 32, nullable: true })
  classifiedCategory!: string | null;

  /** The enrichment's one-line summary. */
  @Column({ type: 'varchar', length: 255, nullable: true })
  summary!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt!: Date;
}
