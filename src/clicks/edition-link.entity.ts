import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

/**
 * An article link of an edition as it was when sending started: where `/r/<code>` sends a
 * reader (an article's URL may change later; the edition's links do not), and what the click
 * report names it by.
 */
@Entity('edition_links')
export class EditionLink {
  @PrimaryColumn({ name: 'edition_id', type: 'integer' })
  editionId!: number;

  @PrimaryColumn({ name: 'article_id', type: 'integer' })
  articleId!: number;

  @ManyToOne('Edition', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'edition_id' })
  edition?: object;

  /** The article's place in the edition, from 0. */
  @Column({ name: 'position', type: 'integer' })
  position!: number;

  @Column({ name: 'url', type: 'varchar', length: 2048 })
  url!: string;

  @Column({ name: 'title', type: 'varchar', length: 500 })
  title!: string;

  @Column({ name: 'section', type: 'varchar', length: 100, nullable: true })
  section!: string | null;

  @Column({ name: 'sponsored', type: 'boolean', default: false })
  sponsored!: boolean;
}
