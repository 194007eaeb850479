import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, TimestampColumn } from '../database/columns';
import type { DeliverabilityEventType } from './deliverability-event';

/**
 * A bounce, complaint or delay notice as it reached us, once per (provider, event id). The reader is named by
 * subscriber id alone: no address, so erasing a reader leaves nothing personal here.
 */
@Entity('deliverability_events')
@Index('uq_deliverability_events_event', ['provider', 'eventId'], { unique: true })
@Index('idx_deliverability_events_subscriber', ['subscriberId', 'type', 'occurredAt'])
@Index('idx_deliverability_events_edition', ['editionId', 'type'])
@Check('chk_deliverability_events_type', `"type" IN ('hard-bounce', 'soft-bounce', 'complaint', 'delayed')`)
export class DeliverabilityEventRow {
  @PrimaryGeneratedColumn({ name: 'id' })
  id!: number;

  @Column({ name: 'provider', type: 'varchar', length: 32 })
  provider!: string;

  @Column({ name: 'event_id', type: 'varchar', length: 255 })
  eventId!: string;

  @Column({ name: 'type', type: 'varchar', length: 16 })
  type!: DeliverabilityEventType;

  @Column({ name: 'subscriber_id', type: 'integer', nullable: true })
  subscriberId!: number | null;

  @ManyToOne('Subscriber', { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'subscriber_id' })
  subscriber?: object | null;

  @Column({ name: 'edition_id', type: 'integer', nullable: true })
  editionId!: number | null;

  @ManyToOne('Edition', { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'edition_id' })
  edition?: object | null;

  /** The Message-ID the event named, when it named one. */
  @Column({ name: 'message_id', type: 'varchar', length: 255, nullable: true })
  messageId!: string | null;

  /** The provider's own words (type, status, diagnostic), with any address in them blanked. */
  @Column({ name: 'detail', type: 'jsonb', nullable: true })
  detail!: Record<string, unknown> | null;

  @TimestampColumn({ name: 'occurred_at' })
  occurredAt!: Date;

  @CreatedAtColumn()
  createdAt!: Date;
}

/** An edition whose complaint rate passed the warning line, and when: the log warns once per edition. */
@Entity('complaint_rate_warnings')
export class ComplaintRateWarning {
  @PrimaryColumn({ name: 'edition_id', type: 'integer' })
  editionId!: number;

  @ManyToOne('Edition', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'edition_id' })
  edition?: object;

  @Column({ name: 'complaints', type: 'integer' })
  complaints!: number;

  @Column({ name: 'sent', type: 'integer' })
  sent!: number;

  @CreatedAtColumn()
  createdAt!: Date;
}
