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

  /** When the newsletter goes out by itself (cron, with seconds optional); null: only by hand. */
  @Column({ name: 'schedule_cron', type: 'varchar', length: 100, nullable: true })
  scheduleCron!: string | null;

  @Column({ name: 'schedule_timezone', type: 'varchar', length: 64, default: 'Europe/London' })
  scheduleTimezone!: string;

  /** How many articles an edition composed from new articles holds at most. */
  @Column({ name: 'max_articles', type: 'integer', default: 10 })
  maxArticles!: number;

  /** A scheduled edition with fewer new articles is held as a draft, and the editors are asked what to do. */
  @Column({ name: 'min_articles', type: 'integer', default: 1 })
  minArticles!: number;

  /** "Delivered by": a wall-clock HH:MM in the schedule's time zone by which a scheduled send should be done; null: none. */
  @Column({ name: 'deliver_by', type: 'varchar', length: 5, nullable: true })
  deliverBy!: string | null;

  /** The editors' earliest start (HH:MM, the schedule's time zone), however early the deadline asks for. */
  @Column({ name: 'not_before', type: 'varchar', length: 5, nullable: true })
  notBefore!: string | null;

  /**
   * The newsroom's paragraph for the welcome email (Markdown, sanitised when rendered). Not in the
   * cached catalogue: read afresh with NewslettersService.welcomeText.
   */
  @Column({ name: 'welcome_text', type: 'text', default: '' })
  welcomeText?: string;

  @CreatedAtColumn()
  createdAt!: Date;
}
