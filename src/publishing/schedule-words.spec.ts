import { describeSchedule, scheduleForReaders } from './schedule-words';

describe('a timetable in words', () => {
  it('says the presets as an editor would', () => {
    expect(describeSchedule('0 7 * * 6')).toBe('Saturdays at 07:00');
    expect(describeSchedule('0 6 * * 1-5')).toBe('Weekdays at 06:00');
    expect(describeSchedule('0 6 * * *')).toBe('Every day at 06:00');
    expect(describeSchedule(null)).toBe('Off: sent by hand only');
  });

  it('names the days of other weekly timetables', () => {
    expect(describeSchedule('30 6 * * 1,4')).toBe('Mondays and Thursdays at 06:30');
    expect(describeSchedule('0 18 * * MON,WED,FRI')).toBe('Mondays, Wednesdays and Fridays at 18:00');
    expect(describeSchedule('0 9 * * 0,6')).toBe('Weekends at 09:00');
    expect(describeSchedule('0 9 * * 7')).toBe('Sundays at 09:00');
  });

  it('gives anything richer as its pattern', () => {
    expect(describeSchedule('0 6 1 * *')).toBe('On the pattern “0 6 1 * *”');
    expect(describeSchedule('*/15 6 * * *')).toBe('On the pattern “*/15 6 * * *”');
    expect(describeSchedule('* * * * * *')).toBe('On the pattern “* * * * * *”');
    expect(describeSchedule('not a pattern')).toBe('On the pattern “not a pattern”');
  });
});

describe('scheduleForReaders', () => {
  it.each([
    ['0 6 * * 1-5', 'weekday mornings at 6'],
    ['0 7 * * 6', 'Saturday mornings at 7'],
    ['30 18 * * *', 'every evening at 6:30'],
    ['0 12 * * 0,6', 'weekend afternoons at 12'],
    ['0 8 * * 1,4', 'Monday and Thursday mornings at 8'],
  ])('says %s as %s', (cron, words) => {
    expect(scheduleForReaders(cron)).toBe(words);
  });

  it('says nothing of a newsletter sent by hand, or of a pattern too rich for a few words', () => {
    expect(scheduleForReaders(null)).toBeNull();
    expect(scheduleForReaders('0 6,18 * * *')).toBeNull();
    expect(scheduleForReaders('0 6 1 * *')).toBeNull();
    expect(scheduleForReaders('not a pattern')).toBeNull();
  });
});
