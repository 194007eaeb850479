import type { RequestOrigin } from '../consent/consent.service';

/** One reader of an import batch, checked: a normalised address, unique within the batch. */
export interface ImportedReader {
  email: string;
  jobSectorId: number | null;
  jobSectorSlug: string | null;
  /** ISO 8601: when the reader consented, as the file says. */
  consentedAt: string | null;
  /** Where the file says the reader signed up. */
  source: string | null;
}

/** Where a batch goes and how: active (a stated consent basis) or pending with a confirmation email. */
export interface ImportTarget {
  newsletterId: number;
  mode: 'confirmed' | 'send-confirmation';
  /** The file's name and the stated basis, recorded with every ledger row. */
  file: string;
  basis: string;
  /** The editor who uploaded it in the newsroom; null from the command line. */
  editorId: number | null;
}

export type ImportOutcome = 'created' | 'already_subscribed' | 'already_pending' | 'unsubscribed' | 'suppressed';

export type ImportCounts = Record<ImportOutcome, number>;

/** What a batch did, or (a dry run) would do. */
export interface ImportBatchResult {
  counts: ImportCounts;
  /** Confirmation emails queued (would be, in a dry run). */
  confirmations: number;
  /** Confirmations not written: the reader already had the day's account emails. */
  overCap: number;
}

/** What the store wrote for a batch: counts, and who still needs a confirmation email. */
export interface ImportWritten {
  counts: ImportCounts;
  /** Confirmation emails written for new readers (ids of account_emails). */
  emailIds: number[];
  /** Known readers who got a new subscription: a pending one's confirmation waits on the daily cap. */
  knownAdded: number[];
}

export interface ImportStatement {
  newsletterId: number;
  status: 'active' | 'pending';
  confirmations: boolean;
  /** The ledger's part: one row per new subscription, with the notice, non-personal details and the origin. */
  ledger: { event: 'subscribed'; noticeVersion: number; details: object; origin: RequestOrigin };
}

/** A reader who receives a newsletter now, as an export lists them. */
export interface ActiveReader {
  id: number;
  email: string;
  jobSectorId: number | null;
  subscribedAt: Date;
  confirmedAt: Date | null;
}

export function emptyCounts(): ImportCounts {
  return { created: 0, already_subscribed: 0, already_pending: 0, unsubscribed: 0, suppressed: 0 };
}
