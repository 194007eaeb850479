import { ApiProperty } from '@nestjs/swagger';
import { JobSector } from '../job-sector.entity';
import { Cadence, Newsletter } from '../newsletter.entity';

export class NewsletterView {
  @ApiProperty({ example: 'the-saturday-read' }) slug!: string;
  @ApiProperty({ example: 'The Saturday Read' }) label!: string;
  @ApiProperty() blurb!: string;
  @ApiProperty({ enum: ['daily', 'weekly'] }) cadence!: Cadence;

  static from(newsletter: Newsletter): NewsletterView {
    return { slug: newsletter.slug, label: newsletter.name, blurb: newsletter.blurb, cadence: newsletter.cadence };
  }
}

export class JobSectorView {
  @ApiProperty({ example: 'arts-and-culture' }) slug!: string;
  @ApiProperty({ example: 'Arts and Culture' }) label!: string;

  static from(sector: JobSector): JobSectorView {
    return { slug: sector.slug, label: sector.label };
  }
}
