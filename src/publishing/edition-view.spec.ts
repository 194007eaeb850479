import type { Edition } from '../editions/edition.entity';
import { editionView } from './edition-view';

const row = (over: Partial<Edition>): Edition =>
  ({
    id: 7,
    newsletterId: 1,
    subject: 'Morning Call: the budget',
    preheader: null,
    status: 'draft',
    origin: 'editor',
    error: null,
    createdAt: new Date('2026-12-07T05:30:00Z'),
    startedAt: null,
    finishedAt: null,
    ...over,
  }) as Edition;

const parts = { newsletter: 'morning-call', articles: [], audience: null };

describe("an edition's view", () => {
  it('shows a draft with nothing counted, no rate and no time left', () => {
    const view = editionView(row({}), { ...parts, counts: null });
    expect(view.counts).toEqual({ total: 0, sent: 0, failed: 0, skipped: 0, pending: 0, cancelled: 0, ambiguous: 0 });
    expect(view.ratePerSecond).toBeNull();
    expect(view.etaSeconds).toBe(0);
  });

  it('gives the rate since sending started and the time left at that rate', () => {
    const view = editionView(
      row({ status: 'sending', startedAt: new Date('2026-12-07T06:00:00Z') }),
      { ...parts, counts: { batchSize: 500, total: 10_000, sent: 3_000, failed: 10, skipped: 20, ambiguous: 0, deliverBy: null } },
      new Date('2026-12-07T06:00:10Z'),
    );
    expect(view.counts.pending).toBe(6_970);
    expect(view.ratePerSecond).toBe(300);
    expect(view.etaSeconds).toBe(24);
  });

  it('counts what a cancelled send never sent as cancelled, not pending', () => {
    const view = editionView(
      row({ status: 'cancelled', startedAt: new Date('2026-12-07T06:00:00Z'), finishedAt: new Date('2026-12-07T06:01:00Z') }),
      { ...parts, counts: { batchSize: 500, total: 100, sent: 40, failed: 0, skipped: 0, ambiguous: 2, deliverBy: null } },
    );
    expect(view.counts).toMatchObject({ pending: 0, cancelled: 60, ambiguous: 2 });
    expect(view.etaSeconds).toBe(0);
  });
});
