import type { InvalidLine } from './import-file';

/** How many invalid and repeated lines a report lists one by one; all of them are counted. */
export const LISTED_LINES = 1000;

export type ImportMode = 'confirmed' | 'send-confirmation';

/**
 * What an import did, or (a dry run) would do. Every data line of the file is counted exactly
 * once: `lines` = created + alreadySubscribed + alreadyPending + skippedUnsubscribed +
 * skippedSuppressed + skippedErased + duplicates + invalid.
 */
export interface ImportReport {
  file: string;
  newsletter: string;
  mode: ImportMode;
  dryRun: boolean;
  /** Data lines read (the header and blank lines are not counted). */
  lines: number;
  /** New subscriptions to the newsletter: new readers, and known readers new to it. */
  created: number;
  /** Readers already active on the newsletter: left as they are. */
  alreadySubscribed: number;
  /** Readers already awaiting their own confirmation: left pending, sent nothing more. */
  alreadyPending: number;
  skippedUnsubscribed: number;
  skippedSuppressed: number;
  skippedErased: number;
  /** Lines repeating an address met earlier in the file. */
  duplicates: number;
  invalid: number;
  /** With --send-confirmation: confirmation emails queued (a dry run: that would be). */
  confirmationsQueued: number;
  /** Confirmations not sent because the reader already had the day's account emails. */
  confirmationsOverCap: number;
  /** The first LISTED_LINES invalid lines, in file order. */
  invalidLines: InvalidLine[];
  /** The first LISTED_LINES repeats, with the line the address was first on. */
  duplicateLines: Array<{ line: number; firstLine: number }>;
  /** False when the file could not be read to its end (see the last invalid line). */
  complete: boolean;
  seconds: number;
}

export function emptyReport(file: string, newsletter: string, mode: ImportMode, dryRun: boolean): ImportReport {
  return {
    file,
    newsletter,
    mode,
    dryRun,
    lines: 0,
    created: 0,
    alreadySubscribed: 0,
    alreadyPending: 0,
    skippedUnsubscribed: 0,
    skippedSuppressed: 0,
    skippedErased: 0,
    duplicates: 0,
    invalid: 0,
    confirmationsQueued: 0,
    confirmationsOverCap: 0,
    invalidLines: [],
    duplicateLines: [],
    complete: true,
    seconds: 0,
  };
}

/** The counts as label and figure, in the order a person reads them. */
export function reportFigures(report: ImportReport): Array<[label: string, count: number]> {
  const figures: Array<[string, number]> = [
    [report.mode === 'confirmed' ? 'created (active)' : 'created (awaiting confirmation)', report.created],
    ['already subscribed', report.alreadySubscribed],
    ['already awaiting confirmation', report.alreadyPending],
    ['skipped: unsubscribed', report.skippedUnsubscribed],
    ['skipped: suppressed', report.skippedSuppressed],
    ['skipped: erased', report.skippedErased],
    ['duplicates in the file', report.duplicates],
    ['invalid', report.invalid],
  ];
  if (report.mode === 'send-confirmation') {
    figures.push(['confirmation emails queued', report.confirmationsQueued], ['confirmations over the daily cap', report.confirmationsOverCap]);
  }
  return figures;
}

/** The report as the CLI prints it. */
export function reportText(report: ImportReport): string {
  const out: string[] = [];
  const what = report.dryRun ? 'Dry run (nothing was written)' : 'Imported';
  out.push(`${what}: ${report.file} into ${report.newsletter}, ${report.lines.toLocaleString('en-GB')} lines in ${report.seconds.toFixed(1)} s`);
  const width = Math.max(...reportFigures(report).map(([label]) => label.length));
  for (const [label, count] of reportFigures(report)) out.push(`  ${label.padEnd(width)}  ${count.toLocaleString('en-GB')}`);
  if (report.invalidLines.length > 0) {
    out.push(`Invalid lines${report.invalid > report.invalidLines.length ? ` (the first ${report.invalidLines.length} of ${report.invalid})` : ''}:`);
    for (const invalid of report.invalidLines) out.push(`  line ${invalid.line}: ${invalid.field === 'line' ? '' : `${invalid.field}: `}${invalid.message}`);
  }
  if (report.duplicateLines.length > 0) {
    out.push(`Duplicates${report.duplicates > report.duplicateLines.length ? ` (the first ${report.duplicateLines.length} of ${report.duplicates})` : ''}:`);
    for (const repeat of report.duplicateLines) out.push(`  line ${repeat.line}: the address on line ${repeat.firstLine} again`);
  }
  if (!report.complete) out.push('The file was not read to its end: see the last invalid line.');
  return `${out.join('\n')}\n`;
}
