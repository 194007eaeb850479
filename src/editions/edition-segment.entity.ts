import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Edition } from './edition.entity';

/**
 * One version of an edition: the partner pieces a group of job sectors' readers get, rendered
 * once when sending starts. Segment 0 is the untargeted version (readers with no sector, and
 * sectors no partner piece is aimed at).
 */
@Entity('edition_segments')
export class EditionSegment {
  @PrimaryColumn({ name: 'edition_id', type: 'integer', primaryKeyConstraintName: 'PK_edition_segments' })
  editionId!: number;

  @PrimaryColumn({ name: 'segment', type: 'integer', primaryKeyConstraintName: 'PK_edition_segments' })
  segment!: number;

  @ManyToOne(() => Edition, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'edition_id', foreignKeyConstraintName: 'FK_edition_segments_edition' })
  edition?: Edition;

  @Column({ name: 'partner_ids', type: 'integer', array: true })
  partnerIds!: number[];

  @Column({ name: 'sector_ids', type: 'integer', array: true })
  sectorIds!: number[];

  @Column({ name: 'html', type: 'text' })
  html!: string;

  @Column({ name: 'text', type: 'text' })
  text!: string;
}
