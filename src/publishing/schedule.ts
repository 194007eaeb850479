import { CronExpressionParser } from 'cron-parser';

export interface Schedule {
  cron: string;
  timezone: string;
}

/** Why a time zone cannot be used, or null when Intl knows it. */
export function timezoneProblem(timezone: string): { field: 'timezone'; message: string } | null {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: timezone });
    return null;
  } catch {
    return { field: 'timezone', message: `Unknown time zone: ${timezone}` };
  }
}

/** Why a schedule cannot be used, or null when it can. */
export function scheduleProblem(schedule: Schedule): { field: 'cron' | 'timezone'; message: string } | null {
  const zone = timezoneProblem(schedule.timezone);
  if (zone) return zone;
  try {
    CronExpressionParser.parse(schedule.cron, { tz: schedule.timezone }).next();
  } catch (error) {
    return { field: 'cron', message: `Not a cron pattern (${(error as Error).message})` };
  }
  return null;
}

/** The next times a schedule fires after `from`, in the schedule's own time zone. */
export function nextRuns(schedule: Schedule, from: Date, count = 1): Date[] {
  const expression = CronExpressionParser.parse(schedule.cron, { tz: schedule.timezone, currentDate: from });
  return Array.from({ length: count }, () => expression.next().toDate());
}
