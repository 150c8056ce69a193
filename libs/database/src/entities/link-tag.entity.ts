/** One tag of one link (lower-case, validated by the links API). */
import { Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'link_tags' })
export class LinkTagEntity {
  @PrimaryColumn({ name: 'link_id', type: 'bigint', unsigned: true })
  linkId!: string;

  @PrimaryColumn({ type: 'varchar', length: 32, charset: 'ascii', collation: 'ascii_bin' })
  tag!: string;
}
