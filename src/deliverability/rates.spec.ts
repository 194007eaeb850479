import { percent, ratesOf, sumOf } from './rates';
import { withoutAddresses } from './detail';

describe('deliverability rates', () => {
  const none = { sent: 0, bounced: 0, hardBounced: 0, softBounced: 0, delayed: 0, complained: 0, unsubscribed: 0 };

  it('are fractions of the copies sent, and null while nothing was sent', () => {
    expect(ratesOf({ ...none, sent: 2000, bounced: 10, complained: 2, unsubscribed: 6 })).toMatchObject({
      bounceRate: 0.005,
      complaintRate: 0.001,
      unsubscribeRate: 0.003,
    });
    expect(ratesOf(none)).toMatchObject({ bounceRate: null, complaintRate: null, unsubscribeRate: null, complaintRateWarning: false });
  });

  it('keep delay notices apart: they are in no rate', () => {
    expect(ratesOf({ ...none, sent: 100, delayed: 40 })).toMatchObject({ delayed: 40, bounced: 0, bounceRate: 0 });
  });

  it('warn only once complaints pass 0.1 %', () => {
    expect(ratesOf({ ...none, sent: 1000, complained: 1 }).complaintRateWarning).toBe(false);
    expect(ratesOf({ ...none, sent: 999, complained: 1 }).complaintRateWarning).toBe(true);
  });

  it('add up over editions, and read as percentages', () => {
    expect(
      sumOf([
        { ...none, sent: 10, bounced: 1 },
        { ...none, sent: 30, complained: 2 },
      ]),
    ).toEqual({ ...none, sent: 40, bounced: 1, complained: 2 });
    expect(percent(0.0123)).toBe('1.23 %');
    expect(percent(0.00042)).toBe('0.042 %');
    expect(percent(0)).toBe('0.00 %');
    expect(percent(null)).toBe('–');
  });
});

describe('what is kept of a provider’s detail', () => {
  it('blanks every address, however it is quoted, and keeps only scalars and shallow objects', () => {
    expect(
      withoutAddresses({
        diagnosticCode: 'smtp; 550 5.1.1 <Reader.Name+tag@Example.co.uk>: Recipient address rejected',
        details: 'The email account that you tried to reach does not exist: reader@example.com.',
        code: 550,
        inactive: true,
        nested: { to: '"Reader" <reader@example.com>', deeper: { x: 1 } },
        list: ['reader@example.com'],
        'reader@example.com': 'key',
      }),
    ).toEqual({
      diagnosticCode: 'smtp; 550 5.1.1 <[address]>: Recipient address rejected',
      details: 'The email account that you tried to reach does not exist: [address].',
      code: 550,
      inactive: true,
      nested: { to: '"Reader" <[address]>' },
      '[address]': 'key',
    });
  });
});
