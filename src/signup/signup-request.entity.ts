import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn } from '../database/columns';

/**
 * A sign-up as it arrived, stored in one statement before the answer: the same work whether the
 * address is new, pending or active, so neither the answer nor its timing says which. A job
 * carries it into subscribers, subscriptions and the ledger, then deletes it.
 */
@Entity('signup_requests')
export class SignupRequest {
  @PrimaryGeneratedColumn({ name: 'id' })
  id!: number;

  @Column({ name: 'email', type: 'varchar', length: 254 })
  email!: string;

  @Column({ name: 'newsletter_ids', type: 'integer', array: true })
  newsletterIds!: number[];

  @Column({ name: 'job_sector_id', type: 'integer', nullable: true })
  jobSectorId!: number | null;

  @Column({ name: 'notice_version', type: 'integer' })
  noticeVersion!: number;

  @Column({ name: 'source', type: 'varchar', length: 512 })
  source!: string;

  @Column({ name: 'ip', type: 'varchar', length: 64, nullable: true })
  ip!: string | null;

  @Column({ name: 'user_agent', type: 'varchar', length: 512, nullable: true })
  userAgent!: string | null;

  /** JSON: the page the box was on (normalised), its utm_* values and the way in; null from the API. */
  @Column({ name: 'page', type: 'text', nullable: true })
  page!: string | null;

  @CreatedAtColumn()
  createdAt!: Date;
}
