/** A partner piece of an edition and the job sectors (ids) it is aimed at; none: everyone. */
export interface PartnerPiece {
  id: number;
  targetSectors: number[];
}

/** One version of an edition: its partner pieces, and the sectors whose readers get it. */
export interface Segment {
  segment: number;
  partnerIds: number[];
  sectorIds: number[];
}

/**
 * An edition's distinct versions. A reader sees the partner pieces aimed at their sector or, when
 * none is, the untargeted ones. Segment 0 is that untargeted version: readers with no sector and
 * every sector no piece is aimed at. Sectors that get the same pieces share a segment, so an
 * edition is rendered once per distinct set, never once per sector.
 */
export function segmentsFor(partners: PartnerPiece[], sectorIds: number[]): Segment[] {
  const untargeted = partners.filter((p) => p.targetSectors.length === 0).map((p) => p.id);
  const segments: Segment[] = [{ segment: 0, partnerIds: untargeted, sectorIds: [] }];
  const byKey = new Map<string, Segment>([[untargeted.join(','), segments[0]]]);
  for (const sector of [...new Set(sectorIds)].sort((a, b) => a - b)) {
    const aimed = partners.filter((p) => p.targetSectors.includes(sector)).map((p) => p.id);
    const pieces = aimed.length > 0 ? aimed : untargeted;
    const key = pieces.join(',');
    let segment = byKey.get(key);
    if (!segment) {
      segment = { segment: segments.length, partnerIds: pieces, sectorIds: [] };
      segments.push(segment);
      byKey.set(key, segment);
    }
    segment.sectorIds.push(sector);
  }
  return segments;
}

/** Which segment a reader of this sector (null: none given) gets. */
export function segmentOf(segments: Segment[], sectorId: number | null): number {
  if (sectorId === null) return 0;
  return segments.find((s) => s.sectorIds.includes(sectorId))?.segment ?? 0;
}

/** The articles a version shows: every editorial one, and the segment's partner pieces. */
export function forSegment<A extends { id: number; sponsored: boolean }>(articles: A[], segment: Segment): A[] {
  return articles.filter((article) => !article.sponsored || segment.partnerIds.includes(article.id));
}
