import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ConsentEvent } from './consent-event.entity';

/**
 * The personal part of a ledger row: where the step came from (IP address, user agent) and
 * what it said about the reader (their job sector). Kept apart from `consent_events` so that
 * erasure deletes these rows and the ledger itself is never updated.
 */
@Entity('consent_evidence')
export class ConsentEvidence {
  @PrimaryColumn({ name: 'event_id', type: 'integer' })
  eventId!: number;

  @ManyToOne(() => ConsentEvent, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id' })
  event?: ConsentEvent;

  @Column({ name: 'ip', type: 'varchar', length: 64, nullable: true })
  ip!: string | null;

  @Column({ name: 'user_agent', type: 'varchar', length: 512, nullable: true })
  userAgent!: string | null;

  /** JSON: the personal part of what changed, e.g. the job sector before and after. */
  @Column({ name: 'details', type: 'text', nullable: true })
  details!: string | null;
}
