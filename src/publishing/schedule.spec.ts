import { nextRuns, scheduleProblem } from './schedule';

const SATURDAY_READ = { cron: '0 7 * * 6', timezone: 'Europe/London' };
const MORNING_CALL = { cron: '0 6 * * 1-5', timezone: 'Europe/London' };

describe('newsletter schedules', () => {
  it('sends The Saturday Read on Saturdays at 07:00 London time, summer and winter', () => {
    // Winter (GMT): 07:00 London is 07:00 UTC.
    expect(nextRuns(SATURDAY_READ, new Date('2026-11-28T12:00:00Z'), 2)).toEqual([
      new Date('2026-12-05T07:00:00Z'),
      new Date('2026-12-12T07:00:00Z'),
    ]);
    // Summer (BST): 07:00 London is 06:00 UTC.
    expect(nextRuns(SATURDAY_READ, new Date('2026-07-01T00:00:00Z'))).toEqual([new Date('2026-07-04T06:00:00Z')]);
  });

  it('sends Morning Call on weekdays at 06:00, skipping the weekend', () => {
    // Friday 27 November 2026, after six: next is Monday.
    expect(nextRuns(MORNING_CALL, new Date('2026-11-27T09:00:00Z'), 3)).toEqual([
      new Date('2026-11-30T06:00:00Z'),
      new Date('2026-12-01T06:00:00Z'),
      new Date('2026-12-02T06:00:00Z'),
    ]);
  });

  it('crosses the clock change at the right hour', () => {
    // British Summer Time starts on Sunday 29 March 2026.
    expect(nextRuns(MORNING_CALL, new Date('2026-03-27T12:00:00Z'))).toEqual([new Date('2026-03-30T05:00:00Z')]);
  });

  it('names what is wrong with a schedule', () => {
    expect(scheduleProblem(SATURDAY_READ)).toBeNull();
    expect(scheduleProblem({ cron: '*/5 * * * * *', timezone: 'UTC' })).toBeNull();
    expect(scheduleProblem({ cron: '0 99 * * *', timezone: 'UTC' })).toMatchObject({ field: 'cron' });
    expect(scheduleProblem({ cron: 'every saturday', timezone: 'UTC' })).toMatchObject({ field: 'cron' });
    expect(scheduleProblem({ cron: '0 7 * * 6', timezone: 'Mars/Olympus_Mons' })).toEqual({
      field: 'timezone',
      message: 'Unknown time zone: Mars/Olympus_Mons',
    });
  });
});
