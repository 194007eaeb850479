import type { ClicksReport } from '../clicks/click-report';

const percent = (ratio: number | null): string => (ratio === null ? '—' : `${(ratio * 100).toFixed(ratio > 0 && ratio < 0.001 ? 2 : 1)} %`);

/** The report page's click figures: the API's report, with the rate as a percentage and the sectors grouped by the version they got. */
export function clicksForPage(report: ClicksReport) {
  return {
    ...report,
    rate: percent(report.clickRate),
    articles: report.articles.map((article) => ({ ...article, name: article.title, href: article.url, partner: article.sponsored, note: article.note })),
    sections: report.sections.map((section) => ({ ...section, name: section.section ?? 'No section' })),
    bySector: report.segments.map((segment) => ({
      ...segment,
      name: segment.everySector ? 'Every sector (one version for all readers)' : segment.sectors.map((s) => s.label).join(', '),
    })),
  };
}
