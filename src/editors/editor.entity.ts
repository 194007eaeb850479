import { Check, Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, TimestampColumn } from '../database/columns';

/** Someone allowed to use the editor API. Only the SHA-256 of their token is kept. */
@Entity('editors')
@Check('chk_editors_role', `"role" IN ('admin', 'editor', 'writer')`)
export class Editor {
  @PrimaryGeneratedColumn({ name: 'id' })
  id!: number;

  @Column({ name: 'email', type: 'varchar', length: 254, unique: true })
  email!: string;

  @Column({ name: 'token_hash', type: 'varchar', length: 64, unique: true })
  tokenHash!: string;

  /** How the newsroom names them (sign-offs, the audit log, reports); their address when unset. */
  @Column({ name: 'display_name', type: 'varchar', length: 100, nullable: true })
  displayName!: string | null;

  /** What they may do: see editor-roles.ts. */
  @Column({ name: 'role', type: 'varchar', length: 10, default: 'admin' })
  role!: 'admin' | 'editor' | 'writer';

  @TimestampColumn({ name: 'revoked_at', nullable: true })
  revokedAt!: Date | null;

  @CreatedAtColumn()
  createdAt!: Date;
}
