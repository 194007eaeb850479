import type { Readable } from 'node:stream';
import { parse, Parser } from 'csv-parse';
import { normaliseEmail } from '../common/email-address';

export const IMPORT_COLUMNS = ['email', 'job_sector', 'consented_at', 'source'] as const;
type Column = (typeof IMPORT_COLUMNS)[number];

/** A record longer than this stops the import: most likely a quote opened and never closed. */
const MAX_RECORD_BYTES = 64 * 1024;
const MAX_SOURCE = 200;
/** Records handed over at once at most; the parser waits past this many. */
const RUN = 1000;

export interface SectorChoice {
  id: number;
  slug: string;
  label: string;
}

/** One line of the file that passed every check. */
export interface ImportRow {
  line: number;
  email: string;
  jobSectorId: number | null;
  jobSectorSlug: string | null;
  /** ISO 8601, UTC. */
  consentedAt: string | null;
  source: string | null;
}

export interface InvalidLine {
  line: number;
  /** The column at fault, or `line` for the record as a whole. */
  field: Column | 'line';
  message: string;
}

export type ImportLine = { row: ImportRow; invalid?: undefined; fatal?: undefined } | { invalid: InvalidLine; row?: undefined; fatal?: boolean };

/** The file cannot be imported at all (no header, unknown columns); nothing was read past its header. */
export class ImportFileError extends Error {}

/**
 * Reads an import CSV as it streams: a header row naming the columns (any order; `email`
 * required), a UTF-8 byte-order mark tolerated, quoted fields (commas, quotes, line breaks in
 * them), CRLF or LF. Each record comes out checked, with the line it starts on; a bad one is
 * an invalid line naming the column and why, and reading goes on. Blank lines are passed over.
 */
export class ImportFile {
  private readonly sectors = new Map<string, SectorChoice>();
  private parser?: Parser;

  constructor(
    sectors: SectorChoice[],
    private readonly options: { consentDateRequired: boolean; now?: () => Date },
  ) {
    for (const sector of sectors) {
      this.sectors.set(fold(sector.slug), sector);
      this.sectors.set(fold(sector.label), sector);
    }
  }

  /** Bytes of the file parsed so far, for a progress bar. */
  get bytes(): number {
    return this.parser?.info.bytes ?? 0;
  }

  /**
   * The file's lines, checked, in order, a run at a time (whatever the parser has ready: a
   * promise per run rather than per line keeps a million lines cheap).
   */
  async *lines(input: Readable): AsyncGenerator<ImportLine[]> {
    // Records csv-parse could not read, as it met them: after how many good records, and its
    // line count then.
    const skipped: Array<{ after: number; lines: number; message: string; fatal: boolean }> = [];
    const parser: Parser = parse({
      bom: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_records_with_error: true,
      max_record_size: MAX_RECORD_BYTES,
      on_skip: (error) => {
        const fatal = error?.code === 'CSV_MAX_RECORD_SIZE';
        // csv-parse goes on reporting the same record as more of it arrives.
        if (skipped.some((skip) => skip.fatal)) return undefined;
        const message = fatal
          ? `longer than ${MAX_RECORD_BYTES / 1024} kB (a quote opened and never closed?): the import stopped here`
          : error?.code === 'CSV_QUOTE_NOT_CLOSED'
            ? 'a quote opened here is never closed, so the rest of the file is one field'
            : `not valid CSV (${error?.message.replace(/ at line \d+.*$/s, '') ?? 'unreadable'})`;
        skipped.push({ after: parser.info.records, lines: Number(error?.lines ?? 0), message, fatal });
        return undefined;
      },
    });
    this.parser = parser;

    // Records wait here for the consumer; the parser pauses (and so the file) past RUN of them.
    let ready: string[][] = [];
    let ended = false;
    let failure: Error | null = null;
    let wake: (() => void) | null = null;
    const signal = () => {
      wake?.();
      wake = null;
    };
    parser.on('data', (fields: string[]) => {
      ready.push(fields);
      if (ready.length >= RUN) parser.pause();
      signal();
    });
    parser.on('end', () => {
      ended = true;
      signal();
    });
    parser.on('error', (error: Error) => {
      failure = error;
      signal();
    });
    input.on('error', (error) => parser.destroy(error));
    input.pipe(parser);

    // Lines are counted here rather than asked of csv-parse per record (its context objects cost
    // more than the rest of a line's checks, and it counts a CRLF inside quotes as two lines).
    let line = 1;
    let records = 0;
    let quotedCrlfs = 0;
    let header: Column[] | null = null;
    let stopped = false;
    const unreadable = (out: ImportLine[]) => {
      while (skipped.length > 0 && skipped[0].after <= records) {
        const skip = skipped.shift()!;
        stopped ||= skip.fatal;
        out.push({ invalid: { line, field: 'line', message: skip.message }, fatal: skip.fatal });
        line = Math.max(line + 1, skip.lines - quotedCrlfs + 1);
      }
    };
    try {
      while (!stopped) {
        if (ready.length === 0 && !ended && !failure) await new Promise<void>((resolve) => (wake = resolve));
        if (failure) throw failure;
        const run = ready;
        ready = [];
        if (parser.isPaused() && !ended) parser.resume();
        const out: ImportLine[] = [];
        for (const fields of run) {
          unreadable(out);
          if (stopped) break;
          const at = line;
          records += 1;
          line += 1;
          for (const field of fields) {
            if (field.indexOf('\n') === -1) continue;
            for (let i = field.indexOf('\n'); i !== -1; i = field.indexOf('\n', i + 1)) {
              line += 1;
              if (i > 0 && field[i - 1] === '\r') quotedCrlfs += 1;
            }
          }
          if (isBlank(fields)) continue;
          if (!header) {
            header = this.header(fields);
            continue;
          }
          out.push(this.check(fields, at, header));
        }
        if (ended && ready.length === 0 && !stopped) unreadable(out);
        if (out.length > 0) yield out;
        if (ended && ready.length === 0) break;
      }
      if (!header && !stopped) throw new ImportFileError(`The file is empty: its first line must be a header naming the columns (${IMPORT_COLUMNS.join(',')})`);
    } finally {
      input.unpipe(parser);
      if (!input.destroyed) input.destroy();
      parser.removeAllListeners('data');
      if (!parser.destroyed) parser.destroy();
    }
  }

  // Lists repeat their consent dates; each distinct text is read once (a bounded memo).
  private readonly dates = new Map<string, Date | null>();
  private date(text: string): Date | null {
    let at = this.dates.get(text);
    if (at === undefined) {
      if (this.dates.size >= 10_000) this.dates.clear();
      at = isoDate(text);
      this.dates.set(text, at);
    }
    return at;
  }

  private header(fields: string[]): Column[] {
    const names = fields.map((field) => field.trim().toLowerCase());
    const unknown = names.filter((name) => !(IMPORT_COLUMNS as readonly string[]).includes(name));
    if (unknown.length > 0) {
      const shown = unknown.map((name) => `"${printable(name, 40)}"`).join(', ');
      throw new ImportFileError(`The header row names ${unknown.length === 1 ? 'an unknown column' : 'unknown columns'}, ${shown}: the columns are ${IMPORT_COLUMNS.join(', ')} (email required)`);
    }
    const repeated = names.find((name, index) => names.indexOf(name) !== index);
    if (repeated) throw new ImportFileError(`The header row names the column ${repeated} twice`);
    if (!names.includes('email')) throw new ImportFileError(`The header row has no email column: the first line must name the columns (${IMPORT_COLUMNS.join(',')})`);
    if (this.options.consentDateRequired && !names.includes('consented_at')) {
      throw new ImportFileError('The header row has no consented_at column: readers imported as confirmed need the date each one consented');
    }
    return names as Column[];
  }

  private check(fields: string[], line: number, header: Column[]): ImportLine {
    if (fields.length !== header.length) {
      return { invalid: { line, field: 'line', message: `${fields.length} ${fields.length === 1 ? 'field' : 'fields'} where the header names ${header.length}` } };
    }
    const value = (column: Column): string => {
      const at = header.indexOf(column);
      return at === -1 ? '' : fields[at].trim();
    };
    const invalid = (field: Column, message: string): ImportLine => ({ invalid: { line, field, message } });

    const rawEmail = value('email');
    if (rawEmail === '') return invalid('email', 'no address');
    const email = normaliseEmail(rawEmail);
    if (!email.ok) return invalid('email', 'not a valid address, like name@example.com');

    let sector: SectorChoice | null = null;
    const sectorName = value('job_sector');
    if (sectorName !== '') {
      sector = this.sectors.get(fold(sectorName)) ?? null;
      if (!sector) return invalid('job_sector', `unknown job sector "${printable(sectorName, 60)}": give one of the sign-up form's sectors, by label or slug`);
    }

    const consented = value('consented_at');
    let consentedAt: string | null = null;
    if (consented === '') {
      if (this.options.consentDateRequired) return invalid('consented_at', 'no date: readers imported as confirmed need the date they consented');
    } else {
      const at = this.date(consented);
      if (!at) return invalid('consented_at', 'not an ISO 8601 date, like 2024-03-01 or 2024-03-01T09:30:00Z');
      if (at.getTime() > (this.options.now?.() ?? new Date()).getTime() + 60_000) return invalid('consented_at', 'in the future');
      consentedAt = at.toISOString();
    }

    const source = value('source');
    if (source.length > MAX_SOURCE) return invalid('source', `longer than ${MAX_SOURCE} characters`);
    if (/[\u0000-\u001f\u007f]/.test(source)) return invalid('source', 'holds a line break or control character');

    return { row: { line, email: email.email, jobSectorId: sector?.id ?? null, jobSectorSlug: sector?.slug ?? null, consentedAt, source: source === '' ? null : source } };
  }
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2}))?$/;

/** A calendar date, or a date and time with its zone (`Z` or an offset); null for anything else, or a day that does not exist. */
export function isoDate(text: string): Date | null {
  const match = ISO_DATE.exec(text);
  if (!match) return null;
  const [, year, month, day, hour = '00', minute = '00', second = '00'] = match;
  const check = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second)));
  if (
    check.getUTCFullYear() !== Number(year) ||
    check.getUTCMonth() !== Number(month) - 1 ||
    check.getUTCDate() !== Number(day) ||
    check.getUTCHours() !== Number(hour) ||
    check.getUTCMinutes() !== Number(minute) ||
    check.getUTCSeconds() !== Number(second)
  ) {
    return null;
  }
  const at = new Date(match[4] === undefined ? `${text}T00:00:00Z` : text);
  return Number.isNaN(at.getTime()) ? null : at;
}

function isBlank(fields: string[]): boolean {
  return fields.every((field) => field.trim() === '');
}

/** Case and spacing do not matter when naming a sector. */
function fold(name: string): string {
  return name.trim().toLowerCase().replace(/\s+/g, ' ');
}

/** A value from the file, safe to print on a terminal or a page: no control characters, cut short. */
export function printable(text: string, max: number): string {
  const clean = text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
  return clean.length > max ? `${clean.slice(0, max)}…` : clean;
}
