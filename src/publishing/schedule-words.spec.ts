import { describeSchedule } from './schedule-words';

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
