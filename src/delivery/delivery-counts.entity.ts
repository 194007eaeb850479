import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from '../database/columns';

/**
 * One edition's send in figures: the audience frozen when it started, the recipients per
 * delivery job, and how many have an outcome. The counters move in the same statements that
 * move its deliveries, so they always agree with them.
 */
@Entity('delivery_counts')
export class DeliveryCounts {
  @PrimaryColumn({ name: 'edition_id', type: 'integer' })
  editionId!: number;

  @OneToOne('Edition', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'edition_id', foreignKeyConstraintName: 'FK_delivery_counts_edition' })
  edition?: object;

  /** Recipients per delivery job, fixed when sending starts so every job keeps its range. */
  @Column({ name: 'batch_size', type: 'integer' })
  batchSize!: number;

  @Column({ name: 'total', type: 'integer' })
  total!: number;

  @Column({ name: 'sent', type: 'integer', default: 0 })
  sent!: number;

  @Column({ name: 'failed', type: 'integer', default: 0 })
  failed!: number;

  /** Readers who left, or were suppressed, after the audience was taken. */
  @Column({ name: 'skipped', type: 'integer', default: 0 })
  skipped!: number;

  /** Recipients caught mid-send by a crash: the only ones who may have had two copies. */
  @Column({ name: 'ambiguous', type: 'integer', default: 0 })
  ambiguous!: number;

  /** When the send should be done (its newsletter's "delivered by"), fixed when it starts; null: no deadline. */
  @TimestampColumn({ name: 'deliver_by', nullable: true })
  deliverBy!: Date | null;
}
