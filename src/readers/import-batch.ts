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

type ImportOutcome = 'created' | 'already_subscribed' | 'already_pending' | 'unsubscribed' | 'suppressed';

export type ImportCounts = Record<ImportOutcome, number>;

/** What a batch wrote: counts, and who joined the newsletter (for their ledger rows and confirmation emails). */
export interface ImportWritten {
  counts: ImportCounts;
  /** In subscriber id order. `personal`: what the file said of the reader (JSON text), for the ledger's evidence. */
  joined: Array<{ subscriberId: number; personal: string; known: boolean }>;
}

export function emptyCounts(): ImportCounts {
  return { created: 0, already_subscribed: 0, already_pending: 0, unsubscribed: 0, suppressed: 0 };
}
