import { CronExpressionParser } from 'cron-parser';

const DAYS = ['Sundays', 'Mondays', 'Tuesdays', 'Wednesdays', 'Thursdays', 'Fridays', 'Saturdays'];

/**
 * A timetable as an editor says it: "Saturdays at 07:00", "Weekdays at 06:00", "Every day at
 * 06:00". Anything richer than one time on some days of the week is given as its pattern.
 */
export function describeSchedule(cron: string | null): string {
  if (cron === null) return 'Off: sent by hand only';
  let fields;
  try {
    fields = CronExpressionParser.parse(cron).fields;
  } catch {
    return `On the pattern “${cron}”`;
  }
  const once = fields.second.values.length === 1 && fields.second.values[0] === 0 && fields.minute.values.length === 1 && fields.hour.values.length === 1;
  if (!once || !fields.dayOfMonth.isWildcard || !fields.month.isWildcard) return `On the pattern “${cron}”`;
  const at = `${String(fields.hour.values[0]).padStart(2, '0')}:${String(fields.minute.values[0]).padStart(2, '0')}`;
  // cron counts Sunday as 0 and as 7.
  const days = [...new Set(fields.dayOfWeek.values.map((day) => Number(day) % 7))].sort();
  const key = days.join(',');
  if (key === '0,1,2,3,4,5,6') return `Every day at ${at}`;
  if (key === '1,2,3,4,5') return `Weekdays at ${at}`;
  if (key === '0,6') return `Weekends at ${at}`;
  const names = days.map((day) => DAYS[day]);
  const list = names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
  return `${list} at ${at}`;
}
