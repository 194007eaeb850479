import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from '../database/columns';

/**
 * One run of a batch job that holds claimed recipients, and when it last said it is alive. The
 * database, not Redis, says whether a `sending` row belongs to a live worker: a claim quiet for
 * DELIVERY_LOCK_MS is only suspected, and its rows are released as ambiguous when it is still
 * quiet DELIVERY_LOCK_MS after that. A live worker that could not reach the database through an
 * outage speaks again as soon as it can, which clears the suspicion; so a second run of the same
 * range (after Redis lost its jobs or a lock) never re-sends what a live worker is sending.
 */
@Entity('delivery_claims')
export class DeliveryClaim {
  @PrimaryColumn({ name: 'claim_token', type: 'varchar', length: 40 })
  claimToken!: string;

  @Column({ name: 'edition_id', type: 'integer' })
  editionId!: number;

  @TimestampColumn({ name: 'heartbeat_at' })
  heartbeatAt!: Date;

  /** When another run of the range found this claim quiet; cleared by the next heartbeat. */
  @TimestampColumn({ name: 'suspected_at', nullable: true })
  suspectedAt!: Date | null;
}
