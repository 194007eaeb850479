import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from '../database/columns';

export type DeliveryStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'skipped' | 'cancelled';

/**
 * One recipient of one edition: the database, not the queue, decides what was sent. Rows are
 * written when sending starts (the audience snapshot) and marked `sent` only after the SMTP
 * server's 250.
 */
@Entity('deliveries')
@Check('chk_deliveries_status', `"status" IN ('pending', 'sending', 'sent', 'failed', 'skipped', 'cancelled')`)
export class Delivery {
  @PrimaryColumn({ name: 'edition_id', type: 'integer' })
  editionId!: number;

  @PrimaryColumn({ name: 'subscriber_id', type: 'integer' })
  subscriberId!: number;

  @ManyToOne('Edition', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'edition_id' })
  edition?: object;

  @ManyToOne('Subscriber', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'subscriber_id' })
  subscriber?: object;

  @Column({ name: 'status', type: 'varchar', length: 10 })
  status!: DeliveryStatus;

  @Column({ name: 'attempts', type: 'integer', default: 0 })
  attempts!: number;

  @TimestampColumn({ name: 'next_attempt_at', nullable: true })
  nextAttemptAt!: Date | null;

  /** Which processing of its batch claimed the row; a different one finding it means a crash. */
  @Column({ name: 'claim_token', type: 'varchar', length: 40, nullable: true })
  claimToken!: string | null;

  @Column({ name: 'message_id', type: 'varchar', length: 255, nullable: true })
  messageId!: string | null;

  @Column({ name: 'smtp_code', type: 'integer', nullable: true })
  smtpCode!: number | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  /** Was being sent when a worker died: this reader may have received two copies. */
  @Column({ name: 'ambiguous', type: 'boolean', default: false })
  ambiguous!: boolean;

  /** The relay (host:port) that took the message, or refused it; null for the outbox. */
  @Column({ name: 'relay', type: 'varchar', length: 255, nullable: true })
  relay!: string | null;

  @TimestampColumn({ name: 'sent_at', nullable: true })
  sentAt!: Date | null;
}
