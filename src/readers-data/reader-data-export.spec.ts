import { buildReaderExport, describeConsent } from './reader-data-export';

describe("a reader's data export", () => {
  const newsletters = [
    { id: 1, slug: 'the-saturday-read', name: 'The Saturday Read' },
    { id: 2, slug: 'morning-call', name: 'Morning Call' },
  ];
  const sectors = [
    { id: 7, slug: 'marketing', label: 'Marketing' },
    { id: 8, slug: 'arts-and-culture', label: 'Arts and Culture' },
  ];
  const entry = (id: number, event: 'subscribed' | 'preferences_changed', newsletterId: number | null, details: string | null) => ({
    id,
    createdAt: new Date(Date.UTC(2025, 0, id)),
    newsletterId,
    event,
    source: 'https://example.com/',
    details,
    noticeVersion: 1,
    noticePrompt: 'Select and enter your email address',
    noticeText: 'We will use your data as our privacy Policy says.',
    ip: '192.0.2.1',
    userAgent: 'Browser/1.0',
  });

  it('puts subscriptions, sector, editions and consent (oldest first, with notice and evidence) together', () => {
    const data = buildReaderExport({
      reader: {
        id: 5,
        email: 'reader@example.com',
        jobSectorId: 7,
        suppressedAt: null,
        suppressionReason: null,
        createdAt: new Date(Date.UTC(2025, 0, 1)),
        subscriptions: [{ newsletterId: 2, status: 'active', createdAt: '2025-01-01T00:00:00+00:00', confirmedAt: '2025-01-02T00:00:00+00:00', unsubscribedAt: null }],
      },
      newsletters,
      sectors,
      history: [entry(2, 'preferences_changed', null, '{"jobSector":{"from":"arts-and-culture","to":"marketing"}}'), entry(1, 'subscribed', 2, '{"jobSector":"arts-and-culture"}')],
      deliveries: [{ newsletterId: 2, subject: 'Morning', sentAt: new Date(Date.UTC(2025, 0, 3)) }],
      now: new Date(Date.UTC(2025, 1, 1)),
    });
    expect(data.reader).toEqual({ email: 'reader@example.com', jobSector: { slug: 'marketing', label: 'Marketing' }, readerSince: '2025-01-01T00:00:00.000Z', suppression: null });
    expect(data.subscriptions).toEqual([
      { newsletter: 'morning-call', newsletterName: 'Morning Call', status: 'active', subscribedAt: '2025-01-01T00:00:00.000Z', confirmedAt: '2025-01-02T00:00:00.000Z', unsubscribedAt: null },
    ]);
    expect(data.deliveries).toEqual([{ newsletter: 'morning-call', newsletterName: 'Morning Call', subject: 'Morning', sentAt: '2025-01-03T00:00:00.000Z' }]);
    expect(data.consent.map((e) => [e.event, e.newsletter, e.details])).toEqual([
      ['subscribed', 'morning-call', { jobSector: 'arts-and-culture' }],
      ['preferences_changed', null, { jobSector: { from: 'arts-and-culture', to: 'marketing' } }],
    ]);
    expect(data.consent[0]).toMatchObject({ ip: '192.0.2.1', userAgent: 'Browser/1.0', notice: { version: 1, text: 'We will use your data as our privacy Policy says.' } });
  });

  it('says each ledger event in words', () => {
    const label = (slug: unknown) => sectors.find((s) => s.slug === slug)?.label ?? String(slug ?? 'none');
    expect(describeConsent('subscribed', { jobSector: 'marketing' }, label)).toBe('Signed up (job sector: Marketing)');
    expect(describeConsent('preferences_changed', { from: 'active', to: 'unsubscribed' }, label)).toBe('Changed preferences (active → unsubscribed)');
    expect(describeConsent('preferences_changed', { jobSector: { from: null, to: 'marketing' } }, label)).toBe('Changed preferences (job sector: none → Marketing)');
    expect(describeConsent('confirmed', null, label)).toBe('Confirmed');
    expect(describeConsent('erased', { by: 'reader' }, label)).toBe('Data erased');
  });
});
