import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from '../database/columns';

/**
 * One run of a batch job that holds claimed recipients, and when it last said it is alive. The
 * database, not Redis, says whether a `sending` row belongs to a live worker: only rows whose
 * claim has gone quiet for DELIVERY_LOCK_MS are released as ambiguous, so a second run of the same
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
}
