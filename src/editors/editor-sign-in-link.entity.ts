import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, TimestampColumn } from '../database/columns';
import { Editor } from './editor.entity';

/** A sign-in link sent by email: single-use, 15 minutes; only its token's SHA-256 is stored. */
@Entity('editor_sign_in_links')
export class EditorSignInLink {
  @PrimaryGeneratedColumn({ name: 'id' })
  id!: number;

  @Column({ name: 'editor_id', type: 'integer' })
  editorId!: number;

  @ManyToOne(() => Editor, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'editor_id' })
  editor?: Editor;

  @Column({ name: 'token_hash', type: 'varchar', length: 64, unique: true })
  tokenHash!: string;

  @TimestampColumn({ name: 'expires_at' })
  expiresAt!: Date;

  @TimestampColumn({ name: 'used_at', nullable: true })
  usedAt!: Date | null;

  @CreatedAtColumn()
  createdAt!: Date;
}
