import type { DeliverabilityRates } from '../deliverability/rates';
import type { SendCounts } from '../delivery/delivery.service';
import type { Edition, EditionStatus } from '../editions/edition.entity';
import { behindDeadline } from '../delivery/deadline';

/** An edition as the API and the newsroom show it: its content, and how its send is going. */
export interface EditionView {
  id: number;
  newsletter: string;
  subject: string;
  preheader: string | null;
  /** Whether the subject and preheader are the lead article's, following it at every save (no editor has written their own). */
  fromLead: { subject: boolean; preheader: boolean };
  /** The editor's note, Markdown; null: none. */
  note: string | null;
  /** The editor whose name signs the note; null: unsigned. */
  noteSignedBy: number | null;
  status: EditionStatus;
  origin: string;
  error: string | null;
  articles: Array<{ id: number; title: string; url: string }>;
  /** null: every active reader of the newsletter. */
  audience: { sectors: string[] } | null;
  counts: { total: number; sent: number; failed: number; skipped: number; pending: number; cancelled: number; ambiguous: number };
  ratePerSecond: number | null;
  etaSeconds: number | null;
  /** When the send should be done (its newsletter's "delivered by" when it started); null: no deadline. */
  deadline: string | null;
  /** While sending with a deadline: when it ends at the rate kept so far, if after the deadline; null when on course. */
  behind: { finishAt: string; lateSeconds: number } | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** GET /api/editions/:id only (not in lists): null for a draft. */
  rates?: DeliverabilityRates | null;
}

const NOT_STARTED: SendCounts = { batchSize: 0, total: 0, sent: 0, failed: 0, skipped: 0, ambiguous: 0, deliverBy: null };

/**
 * The view of an edition from its row and its send's counters (none before it starts): what is
 * still open, the rate since it started (to `now`, or to when it finished) and, while sending,
 * the time left at that rate.
 */
export function editionView(
  row: Edition,
  parts: { newsletter: string; articles: EditionView['articles']; audience: string[] | null; counts: SendCounts | null },
  now = new Date(),
): EditionView {
  const { total, sent, failed, skipped, ambiguous } = parts.counts ?? NOT_STARTED;
  const open = Math.max(0, total - sent - failed - skipped);
  const started = row.startedAt;
  const finished = row.finishedAt;
  const seconds = started ? ((finished ?? now).getTime() - started.getTime()) / 1000 : 0;
  const rate = started && seconds > 0 ? sent / seconds : null;
  const pending = row.status === 'cancelled' ? 0 : open;
  const deadline = parts.counts?.deliverBy ?? null;
  const late =
    deadline && started && row.status === 'sending' ? behindDeadline({ open, done: sent + failed + skipped, startedAt: started, deadline }, now) : null;
  return {
    id: row.id,
    newsletter: parts.newsletter,
    subject: row.subject,
    preheader: row.preheader,
    fromLead: { subject: row.subjectAuto, preheader: row.preheaderAuto },
    note: row.note,
    noteSignedBy: row.noteSignedBy,
    status: row.status,
    origin: row.origin,
    error: row.error,
    articles: parts.articles,
    audience: parts.audience ? { sectors: parts.audience } : null,
    counts: { total, sent, failed, skipped, pending, cancelled: row.status === 'cancelled' ? open : 0, ambiguous },
    ratePerSecond: rate === null ? null : Math.round(rate * 10) / 10,
    etaSeconds: rate && row.status === 'sending' ? Math.ceil(pending / rate) : pending === 0 ? 0 : null,
    deadline: deadline?.toISOString() ?? null,
    behind: late && { finishAt: late.finishAt.toISOString(), lateSeconds: late.lateSeconds },
    createdAt: row.createdAt.toISOString(),
    startedAt: started?.toISOString() ?? null,
    finishedAt: finished?.toISOString() ?? null,
  };
}
