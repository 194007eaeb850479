import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, TimestampColumn } from '../database/columns';

export type AccountEmailKind = 'confirmation' | 'preferences' | 'welcome' | ReaderDataLinkKind;

/** Emails carrying a link, valid one hour, to a reader's data: its copy, or its erasure. */
export type ReaderDataLinkKind = 'data-export' | 'erasure';

/**
 * One email about a reader's account: a double opt-in confirmation or a "manage your
 * preferences" note. The confirmation token is made when the mail is sent and only its
 * SHA-256 is kept, so the raw token never reaches the database or the queue.
 */
@Entity('account_emails')
@Index('idx_account_emails_recent', ['subscriberId', 'createdAt'])
@Check('chk_account_emails_kind', `"kind" IN ('confirmation', 'preferences', 'data-export', 'erasure', 'welcome')`)
export class AccountEmail {
  @PrimaryGeneratedColumn({ name: 'id' })
  id!: number;

  @Column({ name: 'subscriber_id', type: 'integer' })
  subscriberId!: number;

  @ManyToOne('Subscriber', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'subscriber_id' })
  subscriber?: object;

  @Column({ name: 'kind', type: 'varchar', length: 16 })
  kind!: AccountEmailKind;

  /** A welcome's newsletter; null for every other kind. */
  @Column({ name: 'newsletter_id', type: 'integer', nullable: true })
  newsletterId!: number | null;

  @Column({ name: 'token_hash', type: 'varchar', length: 64, nullable: true, unique: true })
  tokenHash!: string | null;

  @TimestampColumn({ name: 'expires_at' })
  expiresAt!: Date;

  @TimestampColumn({ name: 'sent_at', nullable: true })
  sentAt!: Date | null;

  @TimestampColumn({ name: 'used_at', nullable: true })
  usedAt!: Date | null;

  /** Not sent because there was nothing left to say (confirmed meanwhile, suppressed). */
  @TimestampColumn({ name: 'skipped_at', nullable: true })
  skippedAt!: Date | null;

  /** Refused for good by the relay (a 5xx): never tried again. */
  @TimestampColumn({ name: 'failed_at', nullable: true })
  failedAt!: Date | null;

  /** The relay's reply to the last attempt that failed for good. */
  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  /** Held by a worker sending it until then; another job for it waits. */
  @TimestampColumn({ name: 'sending_until', nullable: true })
  sendingUntil!: Date | null;

  @CreatedAtColumn()
  createdAt!: Date;
}
