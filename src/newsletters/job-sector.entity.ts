import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('job_sectors')
export class JobSector {
  @PrimaryGeneratedColumn({ name: 'id' })
  id!: number;

  @Column({ name: 'slug', type: 'varchar', length: 100, unique: true })
  slug!: string;

  @Column({ name: 'label', type: 'varchar', length: 200 })
  label!: string;

  @Column({ name: 'position', type: 'integer', unique: true })
  position!: number;
}
