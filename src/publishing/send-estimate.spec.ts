import { chooseRate, deadlineFor, DEFAULT_SEND_RATE, estimateSeconds, estimateWords, firingStart, patternAt, startFor, withMargin } from './send-estimate';

const LONDON = 'Europe/London';

describe('chooseRate', () => {
  it("measures the newsletter's last editions, leaving out the small ones", () => {
    expect(chooseRate([{ sent: 6000, seconds: 60 }, { sent: 4000, seconds: 40 }, { sent: 10, seconds: 100 }], 5)).toEqual({ perSecond: 100, source: 'measured' });
  });

  it('falls back to SEND_RATE, then the documented default', () => {
    expect(chooseRate([{ sent: 10, seconds: 1 }], 40)).toEqual({ perSecond: 40, source: 'SEND_RATE' });
    expect(chooseRate([], null)).toEqual({ perSecond: DEFAULT_SEND_RATE, source: 'default' });
  });
});

describe('the estimate and the start', () => {
  // Monday 1 December 2025, 06:00 in London (GMT).
  const run = new Date('2025-12-01T06:00:00Z');

  it('says how long and when it ends, in the newsletter’s time', () => {
    expect(estimateSeconds(84_000, 100)).toBe(840);
    expect(estimateWords(840, new Date('2025-12-01T06:07:00Z'), LONDON)).toBe('about 14 minutes; done by 06:21');
    // Summer time: the same instant reads an hour later in London.
    expect(estimateWords(840, new Date('2025-07-01T05:07:00Z'), LONDON)).toBe('about 14 minutes; done by 06:21');
  });

  it('finds the deadline of a run: the same morning, or the next for an evening run', () => {
    expect(deadlineFor(run, '06:30', LONDON).toISOString()).toBe('2025-12-01T06:30:00.000Z');
    expect(deadlineFor(new Date('2025-12-01T23:00:00Z'), '06:30', LONDON).toISOString()).toBe('2025-12-02T06:30:00.000Z');
    expect(deadlineFor(new Date('2025-07-01T05:00:00Z'), '06:30', LONDON).toISOString()).toBe('2025-07-01T05:30:00.000Z');
    expect(deadlineFor(run, '08:00', 'America/New_York').toISOString()).toBe('2025-12-01T13:00:00.000Z');
  });

  it('keeps the run’s own time when it ends in time', () => {
    const deadline = deadlineFor(run, '06:30', LONDON);
    expect(startFor(run, deadline, 600, null, LONDON)).toEqual(run);
  });

  it('starts early enough for the estimate and its margin', () => {
    const deadline = deadlineFor(run, '06:30', LONDON);
    const seconds = 40 * 60;
    expect(startFor(run, deadline, seconds, null, LONDON).getTime()).toBe(deadline.getTime() - withMargin(seconds) * 1000);
    expect(withMargin(seconds)).toBe(2640 + 120);
  });

  it('never before the editors’ “not before”', () => {
    const deadline = deadlineFor(run, '06:30', LONDON);
    expect(startFor(run, deadline, 3 * 3600, '05:15', LONDON).toISOString()).toBe('2025-12-01T05:15:00.000Z');
    // An evening "not before" is the evening before the morning deadline.
    expect(startFor(run, deadline, 12 * 3600, '23:00', LONDON).toISOString()).toBe('2025-11-30T23:00:00.000Z');
  });

  it('really starts at midnight of the run’s day when the start would fall the day before (the scheduler fires on the run’s days)', () => {
    expect(firingStart(new Date('2025-11-30T23:00:00Z'), run, LONDON).toISOString()).toBe('2025-12-01T00:00:00.000Z');
    // Summer time: London's midnight is 23:00 UTC.
    expect(firingStart(new Date('2025-06-30T20:00:00Z'), new Date('2025-07-01T05:00:00Z'), LONDON).toISOString()).toBe('2025-06-30T23:00:00.000Z');
    // The same day, or no earlier than the run: as it was.
    expect(firingStart(new Date('2025-12-01T05:57:00Z'), run, LONDON)).toEqual(new Date('2025-12-01T05:57:00Z'));
    expect(firingStart(run, run, LONDON)).toEqual(run);
  });
});

describe('patternAt', () => {
  it('moves a once-a-day timetable to a new time, keeping its days', () => {
    expect(patternAt('0 6 * * 1-5', { hour: 5, minute: 48 })).toBe('48 5 * * 1-5');
    expect(patternAt('0 0 7 * * 6', { hour: 6, minute: 5 })).toBe('5 6 * * 6');
  });

  it('leaves alone what is not once a day', () => {
    expect(patternAt('*/10 * * * *', { hour: 5, minute: 0 })).toBeNull();
    expect(patternAt('0 6,18 * * *', { hour: 5, minute: 0 })).toBeNull();
  });
});
