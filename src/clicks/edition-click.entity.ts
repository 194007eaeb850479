import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { UpdatedAtColumn } from '../database/columns';

/**
 * Clicks on one article link of one segment of an edition, added to by each flush from Redis.
 * No reader is named anywhere: these five numbers are all that is kept of a click.
 */
@Entity('edition_clicks')
export class EditionClick {
  @PrimaryColumn({ name: 'edition_id', type: 'integer' })
  editionId!: number;

  @PrimaryColumn({ name: 'article_id', type: 'integer' })
  articleId!: number;

  @PrimaryColumn({ name: 'segment', type: 'integer' })
  segment!: number;

  @ManyToOne('Edition', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'edition_id' })
  edition?: object;

  /** Clicks that count: a GET, from a browser, not part of a burst. */
  @Column({ name: 'clicks', type: 'integer', default: 0 })
  clicks!: number;

  /** HEAD requests: a link checker asking whether the link works. */
  @Column({ name: 'discounted_head', type: 'integer', default: 0 })
  discountedHead!: number;

  /** A scanner's user agent (scanners.ts). */
  @Column({ name: 'discounted_scanner', type: 'integer', default: 0 })
  discountedScanner!: number;

  /** One client following three or more of the edition's links within 2 seconds. */
  @Column({ name: 'discounted_burst', type: 'integer', default: 0 })
  discountedBurst!: number;

  /** One client following the same link again within a minute of its last time. */
  @Column({ name: 'discounted_repeat', type: 'integer', default: 0 })
  discountedRepeat!: number;

  @UpdatedAtColumn()
  updatedAt!: Date;
}
