import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

/**
 * Which pages recruit readers, in counts only: sign-ups per day (London), newsletter, page and way
 * in, and how many of those sign-ups were confirmed (counted on the sign-up's row, so a rate is a
 * cohort's). Derived from the ledger as it is written; no row names a reader, so erasure leaves it.
 */
@Entity('signup_sources')
@Index('idx_signup_sources_article', ['articleId', 'day'])
@Check('chk_signup_sources_via', `"via" IN ('script', 'iframe', 'form', 'page')`)
export class SignupSource {
  @PrimaryColumn({ name: 'day', type: 'date' })
  day!: string;

  @PrimaryColumn({ name: 'newsletter_id', type: 'integer' })
  newsletterId!: number;

  @ManyToOne('Newsletter', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'newsletter_id', foreignKeyConstraintName: 'FK_signup_sources_newsletter' })
  newsletter?: object;

  /** scheme://host/path, no query. */
  @PrimaryColumn({ name: 'page', type: 'varchar', length: 2048 })
  page!: string;

  /** script, iframe, form (the no-JavaScript snippet) or page (this service's own page). */
  @PrimaryColumn({ name: 'via', type: 'varchar', length: 16 })
  via!: string;

  /** The imported article at that URL, when there was one. */
  @Column({ name: 'article_id', type: 'integer', nullable: true })
  articleId!: number | null;

  @ManyToOne('Article', { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'article_id', foreignKeyConstraintName: 'FK_signup_sources_article' })
  article?: object | null;

  @Column({ name: 'signups', type: 'integer', default: 0 })
  signups!: number;

  @Column({ name: 'confirmations', type: 'integer', default: 0 })
  confirmations!: number;
}
