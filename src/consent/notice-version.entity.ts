import { Column, Entity, PrimaryColumn } from 'typeorm';
import { CreatedAtColumn } from '../database/columns';

/** The exact words a reader was shown when consenting, kept per version so the proof can be reproduced. */
@Entity('notice_versions')
export class NoticeVersion {
  @PrimaryColumn({ name: 'version', type: 'integer' })
  version!: number;

  @Column({ name: 'prompt', type: 'text' })
  prompt!: string;

  @Column({ name: 'privacy_notice', type: 'text' })
  privacyNotice!: string;

  @CreatedAtColumn()
  createdAt!: Date;
}
