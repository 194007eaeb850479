import type { ConsentHistoryEntry } from '../consent/consent.service';
import type { ReaderRecord } from '../readers/readers.service';

/** What "Download my data" gives a reader (and an editor's export): everything held about them. */
export interface ReaderDataExport {
  exportedAt: string;
  reader: {
    email: string;
    jobSector: { slug: string; label: string } | null;
    readerSince: string;
    suppression: { since: string; reason: string | null } | null;
  };
  subscriptions: Array<{
    newsletter: string;
    newsletterName: string;
    status: string;
    subscribedAt: string;
    confirmedAt: string | null;
    unsubscribedAt: string | null;
  }>;
  deliveries: Array<{ newsletter: string; newsletterName: string; subject: string; sentAt: string }>;
  /** Oldest first. */
  consent: Array<{
    at: string;
    newsletter: string | null;
    event: string;
    source: string;
    details: unknown;
    ip: string | null;
    userAgent: string | null;
    notice: { version: number; prompt: string; text: string };
  }>;
}

export interface ExportSources {
  reader: ReaderRecord;
  newsletters: Array<{ id: number; slug: string; name: string }>;
  sectors: Array<{ id: number; slug: string; label: string }>;
  /** Newest first, as ConsentService.history gives it. */
  history: ConsentHistoryEntry[];
  deliveries: Array<{ newsletterId: number; subject: string; sentAt: Date | string }>;
  now: Date;
}

const iso = (value: Date | string) => new Date(value).toISOString();
const isoOrNull = (value: Date | string | null) => (value === null ? null : iso(value));

function parsed(details: string | null): unknown {
  if (details === null) return null;
  try {
    return JSON.parse(details) as unknown;
  } catch {
    return details;
  }
}

/** Puts a reader's rows from each owner together as the export says them. */
export function buildReaderExport(sources: ExportSources): ReaderDataExport {
  const newsletter = (id: number) => sources.newsletters.find((n) => n.id === id);
  const slug = (id: number) => newsletter(id)?.slug ?? `newsletter-${id}`;
  const name = (id: number) => newsletter(id)?.name ?? `Newsletter ${id}`;
  const sector = sources.sectors.find((s) => s.id === sources.reader.jobSectorId);
  return {
    exportedAt: sources.now.toISOString(),
    reader: {
      email: sources.reader.email,
      jobSector: sector ? { slug: sector.slug, label: sector.label } : null,
      readerSince: iso(sources.reader.createdAt),
      suppression: sources.reader.suppressedAt ? { since: iso(sources.reader.suppressedAt), reason: sources.reader.suppressionReason } : null,
    },
    subscriptions: sources.reader.subscriptions.map((s) => ({
      newsletter: slug(s.newsletterId),
      newsletterName: name(s.newsletterId),
      status: s.status,
      subscribedAt: iso(s.createdAt),
      confirmedAt: isoOrNull(s.confirmedAt),
      unsubscribedAt: isoOrNull(s.unsubscribedAt),
    })),
    deliveries: sources.deliveries.map((d) => ({ newsletter: slug(d.newsletterId), newsletterName: name(d.newsletterId), subject: d.subject, sentAt: iso(d.sentAt) })),
    consent: [...sources.history].reverse().map((e) => ({
      at: iso(e.createdAt),
      newsletter: e.newsletterId === null ? null : slug(e.newsletterId),
      event: e.event,
      source: e.source,
      details: parsed(e.details),
      ip: e.ip,
      userAgent: e.userAgent,
      notice: { version: e.noticeVersion, prompt: e.noticePrompt, text: e.noticeText },
    })),
  };
}

const EVENTS: Record<string, string> = {
  subscribed: 'Signed up',
  confirmed: 'Confirmed',
  preferences_changed: 'Changed preferences',
  unsubscribed: 'Unsubscribed',
  erased: 'Data erased',
};

/** A ledger event's details in words: "active → unsubscribed", "job sector: Marketing". */
export function describeConsent(event: string, details: unknown, sectorLabel: (slug: unknown) => string): string {
  const what = EVENTS[event] ?? event;
  if (!details || typeof details !== 'object') return what;
  const d = details as Record<string, unknown>;
  const parts: string[] = [];
  if ('from' in d || 'to' in d) parts.push(`${String(d.from ?? 'none')} → ${String(d.to ?? 'none')}`);
  if (d.jobSector && typeof d.jobSector === 'object') {
    const change = d.jobSector as { from?: unknown; to?: unknown };
    parts.push(`job sector: ${sectorLabel(change.from)} → ${sectorLabel(change.to)}`);
  } else if ('jobSector' in d) {
    parts.push(`job sector: ${sectorLabel(d.jobSector)}`);
  }
  return parts.length > 0 ? `${what} (${parts.join('; ')})` : what;
}
