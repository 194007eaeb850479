import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { JobSector } from './job-sector.entity';
import { Newsletter } from './newsletter.entity';

/**
 * The newsletters and job sectors readers choose from. They change only by migration, so they
 * are read once and kept.
 */
@Injectable()
export class NewslettersService {
  private catalogue?: Promise<{ newsletters: Newsletter[]; sectors: JobSector[] }>;

  constructor(
    @InjectRepository(Newsletter) private readonly newsletters: Repository<Newsletter>,
    @InjectRepository(JobSector) private readonly sectors: Repository<JobSector>,
  ) {}

  private load() {
    this.catalogue ??= Promise.all([
      this.newsletters.find({ order: { position: 'ASC' } }),
      this.sectors.find({ order: { position: 'ASC' } }),
    ]).then(([newsletters, sectors]) => ({ newsletters, sectors }));
    return this.catalogue;
  }

  async list(): Promise<Newsletter[]> {
    return (await this.load()).newsletters;
  }

  async jobSectors(): Promise<JobSector[]> {
    return (await this.load()).sectors;
  }

  async bySlug(slug: string): Promise<Newsletter | undefined> {
    return (await this.list()).find((newsletter) => newsletter.slug === slug);
  }

  async byId(id: number): Promise<Newsletter | undefined> {
    return (await this.list()).find((newsletter) => newsletter.id === id);
  }

  async sectorBySlug(slug: string): Promise<JobSector | undefined> {
    return (await this.jobSectors()).find((sector) => sector.slug === slug);
  }

  async sectorById(id: number | null): Promise<JobSector | undefined> {
    return id === null ? undefined : (await this.jobSectors()).find((sector) => sector.id === id);
  }
}
