import { recruitsReport, sinceDate } from './recruits';

const row = (
  page: string,
  newsletterId: number,
  via: string,
  signups: number,
  confirmations: number,
  article?: { id: number; title: string; section: string | null },
) => ({
  newsletterId,
  page,
  via,
  articleId: article?.id ?? null,
  articleTitle: article?.title ?? null,
  section: article?.section ?? null,
  signups,
  confirmations,
});

describe('which articles recruit readers', () => {
  const piece = { id: 7, title: 'The piece', section: 'Politics' };
  const other = { id: 8, title: 'Another', section: 'Politics' };
  const report = recruitsReport('2026-11-30', [
    row('https://www.example.com/the-piece', 1, 'script', 10, 6, piece),
    row('https://www.example.com/the-piece', 2, 'form', 4, 1, piece),
    row('https://www.example.com/another', 1, 'iframe', 3, 3, other),
    row('https://www.example.com/tag/bots', 1, 'form', 40, 0),
  ]);

  it('counts per article, with each newsletter apart and the confirmation rate', () => {
    expect(report.articles.map((a) => [a.title, a.signups, a.confirmations, a.rate])).toEqual([
      ['The piece', 14, 7, 0.5],
      ['Another', 3, 3, 1],
    ]);
    expect(report.articles[0].byNewsletter).toEqual({ 1: { signups: 10, confirmations: 6 }, 2: { signups: 4, confirmations: 1 } });
  });

  it('counts per section and per page; a page full of bots shows a rate near nothing', () => {
    expect(report.sections).toEqual([expect.objectContaining({ section: 'Politics', signups: 17, confirmations: 10 })]);
    expect(report.pages[0]).toMatchObject({ page: 'https://www.example.com/tag/bots', signups: 40, confirmations: 0, rate: 0 });
  });

  it('keeps the no-JavaScript form apart', () => {
    expect(report.ways.find((w) => w.via === 'form')).toMatchObject({ signups: 44, confirmations: 1 });
    expect(report.total).toMatchObject({ signups: 57, confirmations: 10 });
  });
});

describe('the first day of a recruits report', () => {
  const now = new Date('2026-12-07T09:00:00Z');
  it('reads a number of days back or a date', () => {
    expect(sinceDate('7d', now)).toBe('2026-12-01');
    expect(sinceDate('1d', now)).toBe('2026-12-07');
    expect(sinceDate('2026-11-01', now)).toBe('2026-11-01');
  });
  it('refuses the future, the far past and anything else', () => {
    for (const raw of ['2026-12-08', '2024-01-01', '2026-02-30', '0d', '401d', '30', 'yesterday', ['7d'], undefined]) expect(sinceDate(raw, now)).toBeNull();
  });
});
