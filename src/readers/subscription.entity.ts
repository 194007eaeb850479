import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { CreatedAtColumn, TimestampColumn, UpdatedAtColumn } from '../database/columns';
import { Subscriber } from './subscriber.entity';

export type SubscriptionStatus = 'pending' | 'active' | 'unsubscribed';

@Entity('subscriptions')
@Index('idx_subscriptions_audience', ['newsletterId', 'status', 'subscriberId'])
@Check('chk_subscriptions_status', `"status" IN ('pending', 'active', 'unsubscribed')`)
export class Subscription {
  @PrimaryColumn({ name: 'subscriber_id', type: 'integer' })
  subscriberId!: number;

  @PrimaryColumn({ name: 'newsletter_id', type: 'integer' })
  newsletterId!: number;

  @ManyToOne(() => Subscriber, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'subscriber_id' })
  subscriber?: Subscriber;

  @ManyToOne('Newsletter', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'newsletter_id' })
  newsletter?: object;

  @Column({ name: 'status', type: 'varchar', length: 16 })
  status!: SubscriptionStatus;

  @TimestampColumn({ name: 'confirmed_at', nullable: true })
  confirmedAt!: Date | null;

  @TimestampColumn({ name: 'unsubscribed_at', nullable: true })
  unsubscribedAt!: Date | null;

  @CreatedAtColumn()
  createdAt!: Date;

  @UpdatedAtColumn()
  updatedAt!: Date;
}
