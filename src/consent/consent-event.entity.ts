import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn } from '../database/columns';
import { Newsletter } from '../newsletters/newsletter.entity';
import { Subscriber } from '../subscriptions/subscriber.entity';
import { NoticeVersion } from './notice-version.entity';

export type ConsentEventType = 'subscribed' | 'confirmed' | 'preferences_changed' | 'unsubscribed';

/** The consent ledger: append-only; database triggers refuse any UPDATE or DELETE. */
@Entity('consent_events')
@Index('idx_consent_events_subscriber', ['subscriberId', 'id'])
@Check(
  'chk_consent_events_event',
  `"event" IN ('subscribed', 'confirmed', 'preferences_changed', 'unsubscribed')`,
)
export class ConsentEvent {
  @PrimaryGeneratedColumn({ name: 'id' })
  id!: number;

  @Column({ name: 'subscriber_id', type: 'integer' })
  subscriberId!: number;

  @ManyToOne(() => Subscriber, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'subscriber_id' })
  subscriber?: Subscriber;

  @Column({ name: 'newsletter_id', type: 'integer', nullable: true })
  newsletterId!: number | null;

  @ManyToOne(() => Newsletter, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'newsletter_id' })
  newsletter?: Newsletter | null;

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

  @Column({ name: 'ip', type: 'varchar', length: 64, nullable: true })
  ip!: string | null;

  @Column({ name: 'user_agent', type: 'varchar', length: 512, nullable: true })
  userAgent!: string | null;

  /** What changed, e.g. the job sector before and after. */
  @Column({ name: 'details', type: 'text', nullable: true })
  details!: string | null;

  @CreatedAtColumn()
  createdAt!: Date;
}
