import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, TimestampColumn, UpdatedAtColumn } from '../database/columns';

export type EditionStatus = 'draft' | 'sending' | 'paused' | 'sent' | 'cancelled' | 'failed';

/**
 * One issue of a newsletter: its content while a draft, and its HTML and text as rendered once,
 * when sending starts. How its sending goes is delivery's (`delivery_counts`).
 */
@Entity('editions')
@Index('idx_editions_newsletter', ['newsletterId', 'createdAt'])
@Check('chk_editions_status', `"status" IN ('draft', 'sending', 'paused', 'sent', 'cancelled', 'failed')`)
export class Edition {
  @PrimaryGeneratedColumn({ name: 'id' })
  id!: number;

  @Column({ name: 'newsletter_id', type: 'integer' })
  newsletterId!: number;

  @ManyToOne('Newsletter', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'newsletter_id' })
  newsletter?: object;

  @Column({ name: 'subject', type: 'varchar', length: 300 })
  subject!: string;

  @Column({ name: 'preheader', type: 'varchar', length: 300, nullable: true })
  preheader!: string | null;

  /** The subject follows the lead article (set from it at every save) until an editor writes one. */
  @Column({ name: 'subject_auto', type: 'boolean', default: false })
  subjectAuto!: boolean;

  /** The preheader follows the lead article's standfirst until an editor writes one. */
  @Column({ name: 'preheader_auto', type: 'boolean', default: false })
  preheaderAuto!: boolean;

  /** The editor's note, Markdown, shown at the top of the digest; null: none. */
  @Column({ name: 'note', type: 'text', nullable: true })
  note!: string | null;

  /** The editor whose name signs the note; null: unsigned. */
  @Column({ name: 'note_signed_by', type: 'integer', nullable: true })
  noteSignedBy!: number | null;

  @ManyToOne('Editor', { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'note_signed_by', foreignKeyConstraintName: 'FK_editions_note_signed_by' })
  noteSigner?: object;

  @Column({ name: 'status', type: 'varchar', length: 16 })
  status!: EditionStatus;

  /** `editor` or `schedule`. */
  @Column({ name: 'origin', type: 'varchar', length: 16 })
  origin!: string;

  @Column({ name: 'html', type: 'text', nullable: true })
  html!: string | null;

  @Column({ name: 'text', type: 'text', nullable: true })
  text!: string | null;

  /**
   * The web version, rendered with the email when sending starts: the same edition with no
   * reader's links or address (a sign-up call to action instead), served by the archive as stored.
   */
  @Column({ name: 'web_html', type: 'text', nullable: true })
  webHtml!: string | null;

  /** Listed in the public archive once sent; an editor can keep an edition out (it then answers 404). */
  @Column({ name: 'in_archive', type: 'boolean', default: true })
  inArchive!: boolean;

  /** Only readers in these job sectors (ids); null: every active reader of the newsletter. */
  @Column({ name: 'audience_sectors', type: 'integer', array: true, nullable: true })
  audienceSectors!: number[] | null;

  /** The nonce of the per-recipient placeholders in `html` and `text`. */
  @Column({ name: 'placeholder_nonce', type: 'varchar', length: 16, nullable: true })
  placeholderNonce!: string | null;

  /** The secret behind its copies' Message-IDs (32 random bytes, hex), set when sending starts. */
  @Column({ name: 'message_id_salt', type: 'varchar', length: 64, nullable: true })
  messageIdSalt!: string | null;

  /** Why the edition failed, e.g. invalid MJML. */
  @Column({ name: 'error', type: 'text', nullable: true })
  error!: string | null;

  @TimestampColumn({ name: 'started_at', nullable: true })
  startedAt!: Date | null;

  @TimestampColumn({ name: 'finished_at', nullable: true })
  finishedAt!: Date | null;

  @CreatedAtColumn()
  createdAt!: Date;

  @UpdatedAtColumn()
  updatedAt!: Date;
}
