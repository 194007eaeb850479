import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn } from '../database/columns';
import { Subscriber } from './subscriber.entity';

export type ReaderActionKind = 'suppressed' | 'unsuppressed' | 'export' | 'erase';

/**
 * What an editor did to a reader's record, and why: who suppressed an address, who lifted it,
 * who exported or erased the reader's data. An erasure by the reader or by retention has no editor.
 */
@Entity('reader_actions')
@Index('idx_reader_actions_subscriber', ['subscriberId', 'id'])
export class ReaderAction {
  @PrimaryGeneratedColumn({ name: 'id' })
  id!: number;

  @Column({ name: 'subscriber_id', type: 'integer', nullable: true })
  subscriberId!: number | null;

  @ManyToOne(() => Subscriber, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'subscriber_id' })
  subscriber?: Subscriber | null;

  @Column({ name: 'editor_id', type: 'integer', nullable: true })
  editorId!: number | null;

  @ManyToOne('Editor', { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'editor_id' })
  editor?: object | null;

  @Column({ name: 'action', type: 'varchar', length: 32 })
  action!: ReaderActionKind;

  @Column({ name: 'reason', type: 'text', nullable: true })
  reason!: string | null;

  @CreatedAtColumn()
  createdAt!: Date;
}
