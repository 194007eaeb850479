import { Column, Entity, Generated, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, TimestampColumn, UpdatedAtColumn } from '../database/columns';

@Entity('subscribers')
export class Subscriber {
  @PrimaryGeneratedColumn({ name: 'id' })
  id!: number;

  /**
   * Random: what links and mail addresses name the reader by (tokens format 2), so none of them
   * says when the reader signed up or how many readers came before.
   */
  @Index('idx_subscribers_public_id', { unique: true })
  @Generated('uuid')
  @Column({ name: 'public_id', type: 'uuid' })
  publicId!: string;

  /** Normalised: trimmed and lower-cased; unique. */
  @Column({ name: 'email', type: 'varchar', length: 254, unique: true })
  email!: string;

  /** Indexed: sector-targeted editions and partner slots select readers by it. */
  @Index('idx_subscribers_job_sector')
  @Column({ name: 'job_sector_id', type: 'integer', nullable: true })
  jobSectorId!: number | null;

  @ManyToOne('JobSector', { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'job_sector_id' })
  jobSector?: object | null;

  /** Set after a hard bounce (an SMTP 5xx): the address is never mailed again. */
  @TimestampColumn({ name: 'suppressed_at', nullable: true })
  suppressedAt!: Date | null;

  @Column({ name: 'suppression_reason', type: 'text', nullable: true })
  suppressionReason!: string | null;

  /** Set when the reader's data was erased: the row stays (the ledger and deliveries point at it), its address a placeholder. */
  @TimestampColumn({ name: 'erased_at', nullable: true })
  erasedAt!: Date | null;

  @CreatedAtColumn()
  createdAt!: Date;

  @UpdatedAtColumn()
  updatedAt!: Date;
}
