/** Messages per second assumed when no edition of the newsletter was measured and SEND_RATE is unset. */
export const DEFAULT_SEND_RATE = 20;
/** Editions measured for a newsletter's rate: its last few, each big enough to say something. */
export const MEASURED_EDITIONS = 3;
export const MEASURED_MIN_SENT = 50;

export interface SendRateEstimate {
  perSecond: number;
  source: 'measured' | 'SEND_RATE' | 'default';
}

/** A newsletter's rate: its last editions' copies over their sending time, else SEND_RATE, else the default. */
export function chooseRate(recent: Array<{ sent: number; seconds: number }>, sendRate: number | null): SendRateEstimate {
  const usable = recent.filter((e) => e.sent >= MEASURED_MIN_SENT && e.seconds > 0).slice(0, MEASURED_EDITIONS);
  if (usable.length > 0) {
    const sent = usable.reduce((sum, e) => sum + e.sent, 0);
    const seconds = usable.reduce((sum, e) => sum + e.seconds, 0);
    return { perSecond: sent / seconds, source: 'measured' };
  }
  if (sendRate && sendRate > 0) return { perSecond: sendRate, source: 'SEND_RATE' };
  return { perSecond: DEFAULT_SEND_RATE, source: 'default' };
}

/** How long a send of `audience` copies takes at `perSecond`, in whole seconds. */
export function estimateSeconds(audience: number, perSecond: number): number {
  return Math.ceil(audience / Math.max(perSecond, 0.001));
}

/** Room left between the estimated end and the deadline: a tenth of the estimate, and two minutes. */
export function withMargin(seconds: number): number {
  return Math.ceil(seconds * 1.1) + 120;
}

/** A wall-clock "HH:MM" in 24 hours; null when it is not one. */
export function parseClock(value: string): { hour: number; minute: number } | null {
  const match = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(value.trim());
  return match ? { hour: Number(match[1]), minute: Number(match[2]) } : null;
}

function wallParts(at: Date, timezone: string): { year: number; month: number; day: number; hour: number; minute: number } {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: timezone, year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', hourCycle: 'h23' }).formatToParts(at);
  const part = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  return { year: part('year'), month: part('month'), day: part('day'), hour: part('hour'), minute: part('minute') };
}

/** The instant a wall-clock time on a wall-clock day has in a time zone (the later one in a DST gap's wake). */
function zoned(year: number, month: number, day: number, hour: number, minute: number, timezone: string): Date {
  const wanted = Date.UTC(year, month - 1, day, hour, minute);
  let guess = wanted;
  for (let i = 0; i < 3; i += 1) {
    const seen = wallParts(new Date(guess), timezone);
    const shown = Date.UTC(seen.year, seen.month - 1, seen.day, seen.hour, seen.minute);
    guess += wanted - shown;
  }
  return new Date(guess);
}

/**
 * The first time the clock shows `clock` in `timezone` at or after `from`. A deadline for a run is
 * the first after the run's time less 12 hours: "by 06:30" for a 06:00 run is the same morning, for
 * a 23:00 run the next one.
 */
function nextClock(clock: string, timezone: string, from: Date): Date {
  const time = parseClock(clock);
  if (!time) throw new Error(`Not a time of day: ${clock}`);
  const day = wallParts(from, timezone);
  for (let offset = 0; offset < 3; offset += 1) {
    const candidate = zoned(day.year, day.month, day.day + offset, time.hour, time.minute, timezone);
    if (candidate.getTime() >= from.getTime()) return candidate;
  }
  throw new Error('unreachable');
}

export function deadlineFor(run: Date, deliverBy: string, timezone: string): Date {
  return nextClock(deliverBy, timezone, new Date(run.getTime() - 12 * 3_600_000));
}

/**
 * When a run should start: its own time, or earlier when that would end too close to the
 * deadline (estimate plus margin), but never before the editors' "not before" time that day.
 */
export function startFor(run: Date, deadline: Date | null, seconds: number, notBefore: string | null, timezone: string): Date {
  let start = run;
  if (deadline) {
    const latest = new Date(deadline.getTime() - withMargin(seconds) * 1000);
    if (latest < start) start = latest;
  }
  if (notBefore) {
    // The editors' earliest on the day the send has to be done (or run, with no deadline).
    const day = deadline ?? run;
    const earliest = nextClock(notBefore, timezone, new Date(day.getTime() - 24 * 3_600_000 + 60_000));
    if (start < earliest) start = earliest;
  }
  return start;
}

/**
 * When the job scheduler really starts a run that should start at `start`: it fires on the
 * timetable's days, so a start that would fall on the day before the run is at midnight of the
 * run's day (in `timezone`).
 */
export function firingStart(start: Date, run: Date, timezone: string): Date {
  if (start >= run || clockIn(start, timezone) <= clockIn(run, timezone)) return start;
  const day = wallParts(run, timezone);
  return zoned(day.year, day.month, day.day, 0, 0, timezone);
}

/** "about 14 minutes", "under a minute", "about 2 hours 5 minutes". */
function durationWords(seconds: number): string {
  if (seconds < 60) return 'under a minute';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `about ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return `about ${hours} ${hours === 1 ? 'hour' : 'hours'}${rest ? ` ${rest} ${rest === 1 ? 'minute' : 'minutes'}` : ''}`;
}

/** A time as the newsroom reads it in the newsletter's zone: "06:21". */
export function clockIn(at: Date, timezone: string): string {
  const { hour, minute } = wallParts(at, timezone);
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

/** "about 14 minutes; done by 06:21". */
export function estimateWords(seconds: number, start: Date, timezone: string): string {
  return `${durationWords(seconds)}; done by ${clockIn(new Date(start.getTime() + seconds * 1000), timezone)}`;
}

/** A once-a-day timetable moved to a new time of day; null when the pattern is not once a day. */
export function patternAt(cron: string, at: { hour: number; minute: number }): string | null {
  const fields = cron.trim().split(/\s+/);
  const [minute, hour] = fields.length === 6 ? [fields[1], fields[2]] : [fields[0], fields[1]];
  if (fields.length < 5 || fields.length > 6 || !/^\d+$/.test(minute) || !/^\d+$/.test(hour) || (fields.length === 6 && !/^0?$|^\d+$/.test(fields[0]))) return null;
  const days = fields.slice(fields.length - 3);
  return [String(at.minute), String(at.hour), ...days].join(' ');
}
