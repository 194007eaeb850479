import { basename } from 'node:path';
import type { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { InvalidInputError } from '../common/domain-errors';
import { FieldError } from '../common/field-errors';
import { ConsentService } from '../consent/consent.service';
import { Db } from '../database/db.service';
import { Newsletter } from '../newsletters/newsletter.entity';
import { NewslettersService } from '../newsletters/newsletters.service';
import { ErasedAddresses } from '../readers/erased-addresses';
import { emptyCounts, ImportCounts } from '../readers/import-batch';
import { ReadersService } from '../readers/readers.service';
import { SignupService } from '../signup/signup.service';
import { ImportFile, ImportRow, printable } from './import-file';
import { emptyReport, ImportMode, ImportReport, LISTED_LINES } from './import-report';
import { SeenAddresses } from './seen-addresses';

/** Rows written per statement. */
const BATCH = 1000;
/** Batches in flight at once: the next one is read and checked while the last is written. */
const BATCHES_IN_FLIGHT = 3;
const MAX_BASIS = 500;

/** Where a batch goes and how: active (a stated consent basis) or pending with a confirmation email. */
interface ImportTarget {
  newsletterId: number;
  mode: ImportMode;
  /** The file's name and the stated basis, recorded with every ledger row. */
  file: string;
  basis: string;
  /** The editor who uploaded it in the newsroom; null from the command line. */
  editorId: number | null;
}

/** What a batch did, or (a dry run) would do. */
interface BatchResult {
  counts: ImportCounts;
  /** Confirmation emails queued (would be, in a dry run). */
  confirmations: number;
  /** Confirmations not written: the reader already had the day's account emails. */
  overCap: number;
  /** Addresses on the erased list, skipped. */
  erased: number;
}

/** An import the editor asked for, checked before a line of the file is read. */
export interface ImportPlan {
  newsletter: Newsletter;
  target: ImportTarget;
  dryRun: boolean;
}

export interface ImportRequest {
  /** The file's name as the editor knows it (a path's last part, an upload's name). */
  fileName: string;
  newsletter: unknown;
  consent: unknown;
  mode: unknown;
  dryRun: boolean;
  editorId: number | null;
}

export interface ImportProgress {
  bytes: number;
  lines: number;
}

/**
 * Brings a CSV file of readers into one newsletter, as it streams: lines checked one by one,
 * repeats within the file set aside, erased addresses (by their keyed hash) skipped, and the
 * rest written a thousand at a time, each batch in one transaction: the readers and their
 * subscriptions (ReadersService, which never re-subscribes anyone who left or was suppressed
 * and never changes a reader it already has), their ledger rows (ConsentService) and, for
 * pending readers, their confirmation emails (SignupService). Memory stays flat whatever the
 * file's length, but for the repeats' hashes (about 25 bytes a line).
 */
@Injectable()
export class ReadersImporter {
  constructor(
    private readonly db: Db,
    private readonly readers: ReadersService,
    private readonly signup: SignupService,
    private readonly consent: ConsentService,
    private readonly erased: ErasedAddresses,
    private readonly catalogue: NewslettersService,
  ) {}

  /** The request checked: every problem named by its field, or the plan. */
  async plan(request: ImportRequest): Promise<ImportPlan> {
    const errors: FieldError[] = [];
    const slug = typeof request.newsletter === 'string' ? request.newsletter.trim() : '';
    const newsletter = slug === '' ? undefined : await this.catalogue.bySlug(slug);
    if (!newsletter) {
      const known = (await this.catalogue.list()).map((n) => n.slug).join(', ');
      errors.push({ field: 'newsletter', message: slug === '' ? `Newsletter: choose one (${known})` : `Newsletter: no newsletter "${printable(slug, 64)}" (${known})` });
    }
    const basis = typeof request.consent === 'string' ? request.consent.trim() : '';
    if (basis === '') errors.push({ field: 'consent', message: 'Consent: say how these readers gave their consent, for the record (e.g. "Ticked the newsletter box at the 2024 conference")' });
    else if (basis.length > MAX_BASIS) errors.push({ field: 'consent', message: `Consent: at most ${MAX_BASIS} characters` });
    else if (/[\u0000-\u0008\u000b-\u001f\u007f]/.test(basis)) errors.push({ field: 'consent', message: 'Consent: plain text only, without control characters' });
    const mode = request.mode === 'confirmed' || request.mode === 'send-confirmation' ? (request.mode as ImportMode) : null;
    if (!mode) {
      errors.push({ field: 'mode', message: 'Mode: choose confirmed (active now, on the stated consent) or send-confirmation (pending until each reader confirms by email)' });
    }
    const fileName = printable(basename(request.fileName.replace(/\\/g, '/')).trim(), 200);
    if (fileName === '') errors.push({ field: 'file', message: 'File: choose a CSV file' });
    if (errors.length > 0 || !newsletter || !mode) throw new InvalidInputError(errors);
    return { newsletter, dryRun: request.dryRun, target: { newsletterId: newsletter.id, mode, file: fileName, basis, editorId: request.editorId } };
  }

  async run(input: Readable, plan: ImportPlan, onProgress?: (progress: ImportProgress) => void): Promise<ImportReport> {
    const started = performance.now();
    const report = emptyReport(plan.target.file, plan.newsletter.slug, plan.target.mode, plan.dryRun);
    const file = new ImportFile(await this.catalogue.jobSectors(), { consentDateRequired: plan.target.mode === 'confirmed' });
    const seen = new SeenAddresses();
    const inFlight = new Set<Promise<void>>();
    const state: { failure: Error | null } = { failure: null };
    let batch: ImportRow[] = [];

    const launch = (rows: ImportRow[]) => {
      const task: Promise<void> = this.importBatch(rows, plan)
        .then((result) => add(report, result))
        .catch((error: Error) => {
          state.failure ??= error;
        })
        .finally(() => inFlight.delete(task));
      inFlight.add(task);
    };

    reading: for await (const run of file.lines(input)) {
      for (const item of run) {
        report.lines += 1;
        if (item.invalid) {
          report.invalid += 1;
          if (report.invalidLines.length < LISTED_LINES) report.invalidLines.push(item.invalid);
          if (item.fatal) report.complete = false;
          continue;
        }
        const firstLine = seen.add(item.row.email, item.row.line);
        if (firstLine !== null) {
          report.duplicates += 1;
          if (report.duplicateLines.length < LISTED_LINES) report.duplicateLines.push({ line: item.row.line, firstLine });
          continue;
        }
        batch.push(item.row);
        if (batch.length < BATCH) continue;
        launch(batch);
        batch = [];
        onProgress?.({ bytes: file.bytes, lines: report.lines });
        while (inFlight.size >= BATCHES_IN_FLIGHT) await Promise.race(inFlight);
        if (state.failure) break reading;
      }
    }
    if (!state.failure) launch(batch);
    await Promise.all(inFlight);
    if (state.failure) throw new ImportFailed(report, state.failure);
    onProgress?.({ bytes: file.bytes, lines: report.lines });
    report.seconds = (performance.now() - started) / 1000;
    return report;
  }

  /**
   * One batch, in one transaction, with the confirmation emails queued once it commits. A known
   * reader's confirmation is under the same daily cap as a sign-up's. A dry run classifies the
   * batch the same way and writes nothing.
   */
  private async importBatch(rows: ImportRow[], plan: ImportPlan): Promise<BatchResult> {
    if (rows.length === 0) return { counts: emptyCounts(), confirmations: 0, overCap: 0, erased: 0 };
    const erased = await this.erased.erased(rows.map((row) => row.email));
    const kept = erased.size === 0 ? rows : rows.filter((row) => !erased.has(row.email));
    const { target } = plan;
    const confirming = target.mode === 'send-confirmation';
    if (plan.dryRun) {
      const { counts, known } = await this.readers.classifyBatch(kept, target.newsletterId);
      const confirmations = confirming ? counts.created - known.length + (await this.signup.countWithinCap(known)) : 0;
      return { counts, confirmations, overCap: confirming ? counts.created - confirmations : 0, erased: erased.size };
    }
    const notice = await this.consent.currentNotice();
    const written = await this.db.transaction(async () => {
      const batch = await this.readers.importBatch(kept, target.newsletterId, confirming ? 'pending' : 'active');
      // One `subscribed` row each, saying whether the subscription started active: a reader
      // imported as confirmed never confirmed with us, so no `confirmed` row claims they did. A
      // pending one's own click on the emailed link writes that.
      await this.consent.record(
        batch.joined.map((reader) => ({
          subscriberId: reader.subscriberId,
          newsletterId: target.newsletterId,
          event: 'subscribed' as const,
          noticeVersion: notice.version,
          details: { import: { file: target.file, basis: target.basis, status: confirming ? 'pending' : 'active', editorId: target.editorId } },
          personalDetails: JSON.parse(reader.personal) as object,
        })),
        { source: 'import', ip: null, userAgent: null },
      );
      if (!confirming) return { counts: batch.counts, emailIds: [] as number[] };
      const emailIds = await this.signup.importConfirmations(
        batch.joined.filter((reader) => !reader.known).map((reader) => reader.subscriberId),
        batch.joined.filter((reader) => reader.known).map((reader) => reader.subscriberId),
      );
      return { counts: batch.counts, emailIds };
    });
    await this.signup.queueAccountEmails(written.emailIds);
    return { counts: written.counts, confirmations: written.emailIds.length, overCap: confirming ? written.counts.created - written.emailIds.length : 0, erased: erased.size };
  }
}

/** The import stopped part way (the database went away, say): batches before it are written, and running it again is safe. */
export class ImportFailed extends Error {
  constructor(
    readonly report: ImportReport,
    readonly reason: Error,
  ) {
    super(`The import stopped after ${report.lines.toLocaleString('en-GB')} lines: ${reason.message}. What was written stays: running the same import again leaves those readers as they are and brings in the rest.`);
  }
}

function add(report: ImportReport, batch: BatchResult): void {
  report.created += batch.counts.created;
  report.alreadySubscribed += batch.counts.already_subscribed;
  report.alreadyPending += batch.counts.already_pending;
  report.skippedUnsubscribed += batch.counts.unsubscribed;
  report.skippedSuppressed += batch.counts.suppressed;
  report.skippedErased += batch.erased;
  report.confirmationsQueued += batch.confirmations;
  report.confirmationsOverCap += batch.overCap;
}
