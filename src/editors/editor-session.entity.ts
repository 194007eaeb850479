import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { CreatedAtColumn, TimestampColumn } from '../database/columns';
import { Editor } from './editor.entity';

/**
 * A signed-in editor's browser. The cookie holds a random id; only its SHA-256 is stored. It
 * ends at sign-out, after 12 idle hours, or at once when the editor is revoked.
 */
@Entity('editor_sessions')
export class EditorSession {
  @PrimaryColumn({ name: 'id_hash', type: 'varchar', length: 64 })
  idHash!: string;

  @Column({ name: 'editor_id', type: 'integer' })
  editorId!: number;

  @ManyToOne(() => Editor, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'editor_id' })
  editor?: Editor;

  @TimestampColumn({ name: 'last_seen_at' })
  lastSeenAt!: Date;

  @TimestampColumn({ name: 'ended_at', nullable: true })
  endedAt!: Date | null;

  @CreatedAtColumn()
  createdAt!: Date;
}
