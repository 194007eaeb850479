import { parseCounts } from './click-counter';
import { buildClicksReport, PARTNERS_SECTION } from './click-report';

const links = [
  { articleId: 11, position: 0, url: 'https://www.newstatesman.com/a', title: 'A', section: 'Politics', sponsored: false },
  { articleId: 12, position: 1, url: 'https://www.newstatesman.com/b', title: 'B', section: null, sponsored: false },
  { articleId: 13, position: 2, url: 'https://partner.example/c', title: 'C', section: 'Politics', sponsored: true },
];
const sectors = [
  { slug: 'education', label: 'Education' },
  { slug: 'health', label: 'Health' },
  { slug: 'law', label: 'Law' },
];

describe('parseCounts', () => {
  it("reads a Redis hash's fields as one row per article and segment, negative moves included", () => {
    expect(parseCounts(7, ['11:0:c', '3', '11:0:b', '2', '11:0:r', '40', '12:1:c', '-1', '12:1:h', '1', '12:1:s', '4', 'junk', '9', '13:0:x', '1'])).toEqual([
      { editionId: 7, articleId: 11, segment: 0, counted: 3, head: 0, scanner: 0, burst: 2, repeat: 40 },
      { editionId: 7, articleId: 12, segment: 1, counted: -1, head: 1, scanner: 4, burst: 0, repeat: 0 },
    ]);
  });
});

describe('buildClicksReport', () => {
  it('adds flushed and pending rows up by article, section (partners on their own), segment and sector', () => {
    const report = buildClicksReport({
      editionId: 7,
      counting: true,
      delivered: 40,
      links,
      counts: [
        { articleId: 11, segment: 0, clicks: 5, head: 1, scanner: 0, burst: 0, repeat: 0 },
        { articleId: 11, segment: 0, clicks: 2, head: 0, scanner: 0, burst: 1, repeat: 0 },
        { articleId: 13, segment: 1, clicks: 3, head: 0, scanner: 2, burst: 0, repeat: 6 },
        // A link the edition never had is left out.
        { articleId: 99, segment: 0, clicks: 50, head: 0, scanner: 0, burst: 0, repeat: 0 },
      ],
      segments: new Map([
        [0, { everySector: false as const, sectors: ['education', 'law'] }],
        [1, { everySector: false as const, sectors: ['health'] }],
      ]),
      sectors,
    });
    expect(report).toMatchObject({ clicks: 10, clickRate: 0.25, discounted: { head: 1, scanner: 2, burst: 1, repeat: 6, total: 10 } });
    expect(report.articles.map((a) => [a.title, a.clicks, a.discounted.total])).toEqual([
      ['A', 7, 2],
      ['B', 0, 0],
      ['C', 3, 8],
    ]);
    expect(report.sections.map((s) => [s.section, s.clicks])).toEqual([
      ['Politics', 7],
      [null, 0],
      [PARTNERS_SECTION, 3],
    ]);
    expect(report.segments.map((s) => [s.segment, s.sectors.map((x) => x.slug), s.clicks])).toEqual([
      [0, ['education', 'law'], 7],
      [1, ['health'], 3],
    ]);
    expect(report.sectors.map((s) => [s.slug, s.segment, s.sharedWith, s.clicks])).toEqual([
      ['education', 0, 1, 7],
      ['health', 1, 0, 3],
      ['law', 0, 1, 7],
    ]);
  });

  it('has no click rate before anything was delivered, and one segment read everywhere by default', () => {
    const report = buildClicksReport({
      editionId: 7,
      counting: false,
      delivered: 0,
      links,
      counts: [],
      segments: new Map([[0, { everySector: true as const }]]),
      sectors,
    });
    expect(report.clickRate).toBeNull();
    expect(report.segments).toEqual([{ segment: 0, everySector: true, sectors, clicks: 0, discounted: { head: 0, scanner: 0, burst: 0, repeat: 0, total: 0 } }]);
    expect(report.sectors.every((s) => s.segment === 0 && s.sharedWith === 2)).toBe(true);
  });
});
