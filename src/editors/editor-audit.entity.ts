import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn } from '../database/columns';
import { Editor } from './editor.entity';

/**
 * Who did what in the newsroom and the API: append-only (a trigger refuses UPDATE and DELETE, but
 * for rows past AUDIT_RETENTION_DAYS). Readers are named by id only, so an erased reader's
 * address is never kept here.
 */
@Entity('editor_audit')
@Index('idx_editor_audit_time', ['createdAt', 'id'])
@Index('idx_editor_audit_subscriber', ['subscriberId', 'id'])
export class EditorAuditEntry {
  @PrimaryGeneratedColumn({ name: 'id' })
  id!: number;

  /** Null for a failed sign-in, where nobody is known. */
  @Column({ name: 'editor_id', type: 'integer', nullable: true })
  editorId!: number | null;

  @ManyToOne(() => Editor, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'editor_id' })
  editor?: Editor | null;

  @Column({ name: 'action', type: 'varchar', length: 40 })
  action!: string;

  @Column({ name: 'edition_id', type: 'integer', nullable: true })
  editionId!: number | null;

  @Column({ name: 'subscriber_id', type: 'integer', nullable: true })
  subscriberId!: number | null;

  /** The editor a team change was about. */
  @Column({ name: 'subject_editor_id', type: 'integer', nullable: true })
  subjectEditorId!: number | null;

  @Column({ name: 'detail', type: 'varchar', length: 500, nullable: true })
  detail!: string | null;

  /** The client's address, as the app sees it (TRUST_PROXY). */
  @Column({ name: 'client', type: 'varchar', length: 64, nullable: true })
  client!: string | null;

  @CreatedAtColumn()
  createdAt!: Date;
}
