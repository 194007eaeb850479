import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn } from '../database/columns';
import { NoticeVersion } from './notice-version.entity';

export type ConsentEventType = 'subscribed' | 'confirmed' | 'preferences_changed' | 'unsubscribed' | 'erased';

/**
 * The consent ledger: append-only; database triggers refuse any UPDATE or DELETE. It names the
 * subscriber by id only; IP address, user agent and sector are in consent_evidence, which
 * erasure deletes.
 */
@Entity('consent_events')
@Index('idx_consent_events_subscriber', ['subscriberId', 'id'])
@Index('idx_consent_events_newsletter_time', ['newsletterId', 'createdAt'])
@Check(
  'chk_consent_events_event',
  `"event" IN ('subscribed', 'confirmed', 'preferences_changed', 'unsubscribed', 'erased')`,
)
export class ConsentEvent {
  @PrimaryGeneratedColumn({ name: 'id' })
  id!: number;

  @Column({ name: 'subscriber_id', type: 'integer' })
  subscriberId!: number;

  @ManyToOne('Subscriber', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'subscriber_id' })
  subscriber?: object;

  @Column({ name: 'newsletter_id', type: 'integer', nullable: true })
  newsletterId!: number | null;

  @ManyToOne('Newsletter', { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'newsletter_id' })
  newsletter?: object | null;

  @Column({ name: 'event', type: 'varchar', length: 32 })
  event!: ConsentEventType;

  @Column({ name: 'notice_version', type: 'integer' })
  noticeVersion!: number;

  @ManyToOne(() => NoticeVersion, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'notice_version' })
  notice?: NoticeVersion;

  /** The form's URL, `api`, `email` (a link in a mail) or `one-click` (RFC 8058). */
  @Column({ name: 'source', type: 'varchar', length: 512 })
  source!: string;

  /** What changed, when it is not personal (a subscription's status before and after); the personal part is in consent_evidence. */
  @Column({ name: 'details', type: 'text', nullable: true })
  details!: string | null;

  @CreatedAtColumn()
  createdAt!: Date;
}
