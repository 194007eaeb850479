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

const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/**
 * A timetable as a reader hears it in a welcome email: "weekday mornings at 6", "Saturday
 * mornings at 7", "every evening at 6:30". Null when it is not one time on some days of the week
 * (sent by hand, or a pattern too rich to say in a few words).
 */
export function scheduleForReaders(cron: string | null): string | null {
  if (cron === null) return null;
  let fields;
  try {
    fields = CronExpressionParser.parse(cron).fields;
  } catch {
    return null;
  }
  const once = fields.second.values.length === 1 && fields.second.values[0] === 0 && fields.minute.values.length === 1 && fields.hour.values.length === 1;
  if (!once || !fields.dayOfMonth.isWildcard || !fields.month.isWildcard) return null;
  const hour = Number(fields.hour.values[0]);
  const minute = Number(fields.minute.values[0]);
  const part = hour < 12 ? 'morning' : hour < 18 ? 'afternoon' : 'evening';
  const clock = `${hour % 12 === 0 ? 12 : hour % 12}${minute === 0 ? '' : `:${String(minute).padStart(2, '0')}`}`;
  const days = [...new Set(fields.dayOfWeek.values.map((day) => Number(day) % 7))].sort();
  const key = days.join(',');
  if (key === '0,1,2,3,4,5,6') return `every ${part} at ${clock}`;
  if (key === '1,2,3,4,5') return `weekday ${part}s at ${clock}`;
  if (key === '0,6') return `weekend ${part}s at ${clock}`;
  const names = days.map((day) => DAY_NAMES[day]);
  const list = names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
  return `${list} ${part}s at ${clock}`;
}
