import { Injectable } from '@nestjs/common';
import { EditionsService } from '../editions/editions.service';
import { NewslettersService } from '../newsletters/newsletters.service';

/** Which readers a segment of an edition went to: every sector (and readers with none), or these sectors' slugs. */
export type SegmentAudience = { everySector: true } | { everySector: false; sectors: string[] };

/**
 * Which job sectors' readers got each segment (version) of an edition, for the click report's
 * figures by sector, from what the send stored (`edition_segments`). An edition of one version
 * went to every sector; otherwise segment 0 (the untargeted version) went to the sectors no
 * partner piece was aimed at, and to readers with no sector.
 */
@Injectable()
export class SegmentSectors {
  constructor(
    private readonly editions: EditionsService,
    private readonly catalogue: NewslettersService,
  ) {}

  async of(editionId: number, segments: number[]): Promise<Map<number, SegmentAudience>> {
    const stored = await this.editions.segmentSectors(editionId);
    if (stored.length <= 1) return new Map(segments.map((segment) => [segment, { everySector: true }]));
    const sectors = await this.catalogue.jobSectors();
    const slugs = (ids: number[]) => sectors.filter((sector) => ids.includes(sector.id)).map((sector) => sector.slug);
    return new Map(
      segments.map((segment): [number, SegmentAudience] => {
        const found = stored.find((s) => s.segment === segment);
        return [segment, found ? { everySector: false, sectors: slugs(found.sectorIds) } : { everySector: true }];
      }),
    );
  }
}
