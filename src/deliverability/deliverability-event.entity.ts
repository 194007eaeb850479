import { Check, Column, Entity, Index, JoinColumn, ManyToOne, OneToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn } from '../database/columns';
import type { DeliverabilityEventType } from './deliverability-event';

/**
 * A bounce, complaint or delay notice as it reached us, once per (provider, event id). The reader is named by
 * subscriber id alone: no address, so erasing a reader leaves nothing personal here.
 *
 * Partitioned by month of `occurred_at` (a partitioned table's keys must hold it, hence the
 * primary key and unique index with it): the partitioning itself is beyond an entity, made and
 * kept by SQL (the PartitionedDeliverabilityEvents migration, `deliverability_event_partitions_ensure`,
 * `deliverability_event_partition_drop`). A month leaves whole past DELIVERY_RETENTION_DAYS.
 */
@Entity('deliverability_events')
@Index('uq_deliverability_events_event', ['provider', 'eventId', 'occurredAt'], { unique: true })
@Index('idx_deliverability_events_subscriber', ['subscriberId', 'type', 'occurredAt'])
@Index('idx_deliverability_events_edition', ['editionId', 'type'])
@Check('chk_deliverability_events_type', `"type" IN ('hard-bounce', 'soft-bounce', 'complaint', 'delayed')`)
export class DeliverabilityEventRow {
  @PrimaryGeneratedColumn({ name: 'id', primaryKeyConstraintName: 'PK_deliverability_events' })
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

  /** When the event happened, as the provider, DSN or ARF report dates it: a replay carries the same time. */
  @PrimaryColumn({ name: 'occurred_at', type: 'timestamptz', primaryKeyConstraintName: 'PK_deliverability_events' })
  occurredAt!: Date;

  @CreatedAtColumn()
  createdAt!: Date;
}

/**
 * One edition's bounces, delays and complaints in figures: readers counted once per edition and
 * kind (an event naming no reader counts alone), moved in the transaction that first records
 * such an event. They outlive the events, whose months leave with DELIVERY_RETENTION_DAYS.
 */
@Entity('deliverability_counts')
export class DeliverabilityCounts {
  @PrimaryColumn({ name: 'edition_id', type: 'integer', primaryKeyConstraintName: 'PK_deliverability_counts' })
  editionId!: number;

  @OneToOne('Edition', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'edition_id', foreignKeyConstraintName: 'FK_deliverability_counts_edition' })
  edition?: object;

  /** Readers with a hard or a soft bounce (once, even with both). */
  @Column({ name: 'bounced', type: 'integer', default: 0 })
  bounced!: number;

  @Column({ name: 'hard_bounced', type: 'integer', default: 0 })
  hardBounced!: number;

  @Column({ name: 'soft_bounced', type: 'integer', default: 0 })
  softBounced!: number;

  @Column({ name: 'delayed', type: 'integer', default: 0 })
  delayed!: number;

  @Column({ name: 'complained', type: 'integer', default: 0 })
  complained!: number;
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
