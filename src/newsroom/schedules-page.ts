import { Injectable } from '@nestjs/common';
import { FieldError, FieldErrorsException } from '../common/field-errors';
import { NewslettersService } from '../newsletters/newsletters.service';
import { nextRuns, scheduleProblem, timezoneProblem } from '../publishing/schedule';
import { describeSchedule } from '../publishing/schedule-words';
import { ScheduleView, SchedulesService } from '../publishing/schedules.service';
import { parseClock, patternAt } from '../publishing/send-estimate';

/** The timetables an editor picks from; `null` is off. */
const SCHEDULE_PRESETS = [
  { value: 'saturdays', label: 'Saturdays 07:00', cron: '0 7 * * 6' },
  { value: 'weekdays', label: 'Weekdays 06:00', cron: '0 6 * * 1-5' },
  { value: 'daily', label: 'Every day 06:00', cron: '0 6 * * *' },
  { value: 'off', label: 'Off: send by hand only', cron: null },
] as const;

/** What the schedule form posts. */
export interface ScheduleForm {
  preset?: unknown;
  cron?: unknown;
  timezone?: unknown;
  minArticles?: unknown;
  deliverBy?: unknown;
  notBefore?: unknown;
}

export interface ScheduleSection {
  slug: string;
  name: string;
  words: string;
  cron: string | null;
  timezone: string;
  nextRuns: Array<{ at: string; label: string }>;
  presets: Array<{ value: string; label: string; cron: string | null; checked: boolean }>;
  custom: { checked: boolean; cron: string };
  timezones: Array<{ value: string; selected: boolean }>;
  minArticles: string;
  deliverBy: string;
  notBefore: string;
  /** The next run with a deadline or not: its start and "about 14 minutes; done by 06:21". */
  next: { start: string; startLabel: string; startsEarly: boolean; estimate: string } | null;
  errors: Record<string, string>;
  errorList: Array<{ field: string; id: string; message: string }>;
}

const ZONES = ['UTC', ...Intl.supportedValuesOf('timeZone')];

const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

/** Page 8: each newsletter's timetable, its next runs, and a form to change it. */
@Injectable()
export class NewsroomSchedules {
  constructor(
    private readonly newsletters: NewslettersService,
    private readonly schedules: SchedulesService,
  ) {}

  /**
   * Every newsletter's section. After a refused save, that newsletter's form shows what the
   * editor entered, with the errors beside the fields.
   */
  async build(refused?: { slug: string; form: ScheduleForm; errors: FieldError[] }, now = new Date()): Promise<ScheduleSection[]> {
    const [list, timetables] = await Promise.all([this.newsletters.list(), this.newsletters.timetables()]);
    const views = new Map(await Promise.all(timetables.map(async (t) => [t.id, await this.schedules.view(t.slug)] as const)));
    return list.flatMap((newsletter) => {
      const timetable = timetables.find((t) => t.id === newsletter.id);
      if (!timetable) return [];
      const { cron, timezone } = timetable;
      const attempt = refused?.slug === newsletter.slug ? refused : undefined;
      const preset = attempt ? text(attempt.form.preset) : (SCHEDULE_PRESETS.find((p) => p.cron === cron)?.value ?? 'custom');
      const zones = ZONES.includes(timezone) ? ZONES : [timezone, ...ZONES];
      // A zone the editor was refused is named in the error, not offered as a choice.
      const given = attempt ? text(attempt.form.timezone) : '';
      const chosenZone = zones.includes(given) ? given : timezone;
      const errors = Object.fromEntries((attempt?.errors ?? []).map((e) => [e.field, e.message]));
      return [
        {
          slug: newsletter.slug,
          name: newsletter.name,
          words: describeSchedule(cron),
          cron,
          timezone,
          nextRuns: cron ? nextRuns({ cron, timezone }, now, 3).map((run) => ({ at: run.toISOString(), label: runLabel(run, timezone) })) : [],
          presets: SCHEDULE_PRESETS.map((p) => ({ ...p, checked: p.value === preset })),
          custom: { checked: preset === 'custom', cron: attempt ? text(attempt.form.cron) : preset === 'custom' ? (cron ?? '') : '' },
          timezones: zones.map((zone) => ({ value: zone, selected: zone === chosenZone })),
          minArticles: attempt ? text(attempt.form.minArticles) : String(timetable.minArticles),
          deliverBy: attempt ? text(attempt.form.deliverBy) : (timetable.deliverBy ?? ''),
          notBefore: attempt ? text(attempt.form.notBefore) : (timetable.notBefore ?? ''),
          next: nextOf(views.get(timetable.id)?.next ?? null, timezone),
          errors,
          errorList: (attempt?.errors ?? []).map((e) => ({ ...e, id: `${e.field}-${newsletter.slug}` })),
        },
      ];
    });
  }

  /** Saves the form's timetable, or throws FieldErrorsException naming every field at fault, changing nothing. */
  async save(slug: string, form: ScheduleForm): Promise<void> {
    const current = await this.schedules.view(slug);
    const errors: FieldError[] = [];
    const cron = this.chosenCron(form, current.cron, errors);
    const given = text(form.timezone) || current.timezone;
    const zone = timezoneProblem(given);
    if (zone) errors.push({ field: 'timezone', message: `“${given.slice(0, 64)}” is not a time zone; choose one from the list` });
    if (cron && !errors.some((e) => e.field === 'cron')) {
      const problem = scheduleProblem({ cron, timezone: zone ? 'UTC' : given });
      if (problem) errors.push(problem);
    }
    const minArticles = this.chosenMinimum(form, current.minArticles, errors);
    const deliverBy = clock(form.deliverBy, 'deliverBy', errors, current.deliverBy);
    const notBefore = clock(form.notBefore, 'notBefore', errors, current.notBefore);
    if (deliverBy && cron && !patternAt(cron, { hour: 0, minute: 0 })) errors.push({ field: 'deliverBy', message: 'a deadline needs a timetable of one time a day' });
    if (errors.length > 0 || cron === undefined) throw new FieldErrorsException(errors.map(labelled));
    if (minArticles !== current.minArticles) await this.schedules.setMinArticles(slug, minArticles);
    // Stored as Intl names it ("europe/london" is Europe/London), as BullMQ will read it.
    await this.schedules.set(slug, cron, new Intl.DateTimeFormat('en-GB', { timeZone: given }).resolvedOptions().timeZone);
    if (deliverBy !== current.deliverBy || notBefore !== current.notBefore) await this.schedules.setDeadline(slug, deliverBy, notBefore);
  }

  /** The smallest scheduled edition that goes out by itself; the current one when the form leaves it out. */
  private chosenMinimum(form: ScheduleForm, current: number, errors: FieldError[]): number {
    const given = text(form.minArticles);
    if (given === '') return current;
    if (!/^\d{1,2}$/.test(given) || Number(given) < 1 || Number(given) > 50) errors.push({ field: 'minArticles', message: 'enter a whole number from 1 to 50' });
    return Number(given);
  }

  /** The pattern the form asks for; null is off; undefined when the form's choice is at fault. */
  private chosenCron(form: ScheduleForm, currentCron: string | null, errors: FieldError[]): string | null | undefined {
    const preset = text(form.preset);
    const typed = text(form.cron);
    if (preset === 'custom') {
      if (typed === '') errors.push({ field: 'cron', message: 'enter a pattern, such as 0 7 * * 6' });
      else if (typed.length > 100) errors.push({ field: 'cron', message: 'at most 100 characters' });
      else return typed;
      return undefined;
    }
    const chosen = SCHEDULE_PRESETS.find((p) => p.value === preset);
    if (!chosen) {
      errors.push({ field: 'preset', message: 'choose one of the options' });
      return undefined;
    }
    // A pattern typed this time, with a preset still ticked: the editor meant one of the two.
    if (typed !== '' && typed !== currentCron && typed !== chosen.cron) {
      errors.push({ field: 'cron', message: `choose “Custom pattern” to use it, or clear it to use “${chosen.label}”` });
      return undefined;
    }
    return chosen.cron;
  }
}

const FIELD_LABELS: Record<string, string> = {
  cron: 'Custom cron pattern',
  timezone: 'Time zone',
  preset: 'Timetable',
  minArticles: 'Fewest new articles',
  deliverBy: 'Delivered by',
  notBefore: 'Not before',
};

/** A time of day from the form ("06:30", "6:30"), null when left empty; the current one when the form has no such field. */
function clock(value: unknown, field: string, errors: FieldError[], current: string | null): string | null {
  if (value === undefined) return current;
  const given = text(value);
  if (given === '') return null;
  const time = parseClock(given);
  if (!time) {
    errors.push({ field, message: 'enter a time of day on the 24-hour clock, such as 06:30' });
    return current;
  }
  return `${String(time.hour).padStart(2, '0')}:${String(time.minute).padStart(2, '0')}`;
}

function nextOf(next: ScheduleView['next'], timezone: string): ScheduleSection['next'] {
  if (!next) return null;
  return { start: next.start, startLabel: runLabel(new Date(next.start), timezone), startsEarly: next.startsEarly, estimate: next.estimate };
}

function labelled(error: FieldError): FieldError {
  const label = FIELD_LABELS[error.field] ?? error.field;
  return { field: error.field, message: `${label}: ${error.message.charAt(0).toLowerCase()}${error.message.slice(1)}` };
}

/** A run as the editor reads it, in the newsletter's own time zone: "Saturday 6 December 2025, 07:00 GMT". */
function runLabel(run: Date, timezone: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: timezone,
    timeZoneName: 'short',
  }).formatToParts(run);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('weekday')} ${part('day')} ${part('month')} ${part('year')}, ${part('hour')}:${part('minute')} ${part('timeZoneName')}`;
}
