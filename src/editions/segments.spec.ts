import { segmentOf, segmentsFor } from './segments';

describe('an edition’s segments', () => {
  it('is one version when no partner piece is aimed at a sector', () => {
    const segments = segmentsFor([{ id: 7, targetSectors: [] }], [1, 2, 3]);
    expect(segments).toEqual([{ segment: 0, partnerIds: [7], sectorIds: [1, 2, 3] }]);
    expect(segmentOf(segments, null)).toBe(0);
    expect(segmentOf(segments, 2)).toBe(0);
  });

  it('gives each sector the pieces aimed at it, and the untargeted ones to the rest', () => {
    const segments = segmentsFor(
      [
        { id: 10, targetSectors: [] },
        { id: 11, targetSectors: [2] },
        { id: 12, targetSectors: [2, 3] },
      ],
      [1, 2, 3, 4],
    );
    expect(segments).toEqual([
      { segment: 0, partnerIds: [10], sectorIds: [1, 4] },
      { segment: 1, partnerIds: [11, 12], sectorIds: [2] },
      { segment: 2, partnerIds: [12], sectorIds: [3] },
    ]);
    expect(segmentOf(segments, 2)).toBe(1);
    expect(segmentOf(segments, 3)).toBe(2);
    expect(segmentOf(segments, 4)).toBe(0);
    // A sector not in the edition's audience, or none: the untargeted version.
    expect(segmentOf(segments, 99)).toBe(0);
    expect(segmentOf(segments, null)).toBe(0);
  });

  it('shares one segment between sectors that get the same pieces: renders = distinct versions', () => {
    const segments = segmentsFor([{ id: 11, targetSectors: [2, 3, 5] }], [1, 2, 3, 5]);
    expect(segments.map((s) => s.partnerIds)).toEqual([[], [11]]);
    expect(segments[1].sectorIds).toEqual([2, 3, 5]);
  });

  it('leaves the partner block empty in a version with nothing left to show', () => {
    const segments = segmentsFor([{ id: 11, targetSectors: [2] }], [1, 2]);
    expect(segments[0]).toEqual({ segment: 0, partnerIds: [], sectorIds: [1] });
  });
});
