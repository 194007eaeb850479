import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, TimestampColumn, UpdatedAtColumn } from '../database/columns';

/** A piece the magazine published: what a digest shows of it. */
@Entity('articles')
@Index('idx_articles_published', ['publishedAt'])
export class Article {
  @PrimaryGeneratedColumn({ name: 'id' })
  id!: number;

  /** Canonical URL: unique, http(s) only. A second POST or feed item with it updates the article. */
  @Column({ name: 'url', type: 'varchar', length: 2048, unique: true })
  url!: string;

  /** A feed's guid or Atom id, when it has one. */
  @Column({ name: 'guid', type: 'varchar', length: 512, nullable: true, unique: true })
  guid!: string | null;

  @Column({ name: 'title', type: 'varchar', length: 500 })
  title!: string;

  @Column({ name: 'standfirst', type: 'text', nullable: true })
  standfirst!: string | null;

  @Column({ name: 'author', type: 'varchar', length: 200, nullable: true })
  author!: string | null;

  @Column({ name: 'section', type: 'varchar', length: 100, nullable: true })
  section!: string | null;

  @Column({ name: 'topics', type: 'simple-json' })
  topics!: string[];

  @Column({ name: 'image_url', type: 'varchar', length: 2048, nullable: true })
  imageUrl!: string | null;

  /** "Content from our partners": shown apart from editorial content. */
  @Column({ name: 'sponsored', type: 'boolean', default: false })
  sponsored!: boolean;

  /** For a partner piece: the job sectors (ids) it is aimed at; null or empty: everyone. */
  @Column({ name: 'target_sectors', type: 'integer', array: true, nullable: true })
  targetSectors!: number[] | null;

  @TimestampColumn({ name: 'published_at' })
  publishedAt!: Date;

  @CreatedAtColumn()
  createdAt!: Date;

  @UpdatedAtColumn()
  updatedAt!: Date;
}
