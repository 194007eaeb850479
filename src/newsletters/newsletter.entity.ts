import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn } from '../database/columns';

export type Cadence = 'daily' | 'weekly';

@Entity('newsletters')
export class Newsletter {
  @PrimaryGeneratedColumn({ name: 'id' })
  id!: number;

  @Column({ name: 'slug', type: 'varchar', length: 64, unique: true })
  slug!: string;

  @Column({ name: 'name', type: 'varchar', length: 200 })
  name!: string;

  @Column({ name: 'blurb', type: 'text' })
  blurb!: string;

  @Column({ name: 'cadence', type: 'varchar', length: 16 })
  cadence!: Cadence;

  @Column({ name: 'position', type: 'integer' })
  position!: number;

  @CreatedAtColumn()
  createdAt!: Date;
}
