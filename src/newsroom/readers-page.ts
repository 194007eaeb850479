import { Injectable, NotFoundException } from '@nestjs/common';
import { ConsentService } from '../consent/consent.service';
import { EditorAudit } from '../editors/editor-audit.service';
import { EditorIdentity, EditorsService } from '../editors/editors.service';
import { NewslettersService } from '../newsletters/newsletters.service';
import { ReaderDataExport } from '../readers-data/reader-data-export';
import { ReadersDataService } from '../readers-data/readers-data.service';
import { ReaderRecord, ReadersService } from '../readers/readers.service';
import { SuppressionService } from '../readers/suppression.service';

export interface ReaderView {
  id: number;
  email: string;
  since: TimeView;
  sector: string | null;
  suppression: { at: TimeView; reason: string | null } | null;
  subscriptions: Array<{ newsletter: string; status: string; state: string; since: TimeView }>;
  consent: Array<{ at: TimeView; newsletter: string; event: string; change: string | null; source: string; notice: { version: number; prompt: string; text: string } }>;
  /** Each notice the history shows, once, newest version first. */
  notices: Array<{ version: number; prompt: string; text: string }>;
  /** True when the ledger holds more than is shown. */
  consentCut: boolean;
  actions: Array<{ at: TimeView; editor: string; action: string; reason: string | null }>;
  /** This reader's entries in the newsroom's audit log. */
  audit: Array<{ at: TimeView; who: string; what: string; client: string | null }>;
}

interface TimeView {
  iso: string;
  label: string;
}

const CONSENT_SHOWN = 500;
const MAX_ID = 2_147_483_647;

const STATES: Record<string, string> = { active: 'Active', pending: 'Awaiting confirmation', unsubscribed: 'Unsubscribed' };
const EVENTS: Record<string, string> = { subscribed: 'Signed up', confirmed: 'Confirmed', preferences_changed: 'Changed preferences', unsubscribed: 'Unsubscribed' };
const ACTIONS: Record<string, string> = { suppressed: 'Suppressed', unsuppressed: 'Lifted the suppression', export: 'Exported their data', erase: 'Erased their data' };

const LONDON = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'Europe/London' });

function time(value: Date | string): TimeView {
  const at = new Date(value);
  return { iso: at.toISOString(), label: LONDON.format(at) };
}

/** Page 9: one reader, looked up by exact address; their subscriptions, consent and suppression. */
@Injectable()
export class NewsroomReaders {
  constructor(
    private readonly readers: ReadersService,
    private readonly suppression: SuppressionService,
    private readonly consent: ConsentService,
    private readonly newsletters: NewslettersService,
    private readonly editors: EditorsService,
    private readonly readersData: ReadersDataService,
    private readonly audit: EditorAudit,
  ) {}

  /** Everything held about the reader, recorded as this editor's export. */
  async exportData(id: number, editor: EditorIdentity): Promise<ReaderDataExport> {
    const data = await this.readersData.exportByEditor(id, editor.id);
    if (!data) throw new NotFoundException('No such reader');
    return data;
  }

  /** Erases the reader's personal data, recorded as this editor's erasure; false when already erased. */
  erase(id: number, editor: EditorIdentity): Promise<boolean> {
    return this.readersData.erase(id, { by: 'editor', editorId: editor.id, source: 'newsroom' });
  }

  async lookup(email: string): Promise<ReaderView | null> {
    const reader = await this.readers.findReader(email);
    return reader && this.view(reader);
  }

  async byId(id: number): Promise<ReaderView> {
    const reader = Number.isSafeInteger(id) && id > 0 && id <= MAX_ID ? await this.readers.readerRecord(id) : null;
    if (!reader) throw new NotFoundException('No such reader');
    return this.view(reader);
  }

  /** Suppresses or lifts it; the reader's address, to show their record again. */
  async setSuppressed(id: number, suppressed: boolean, editor: EditorIdentity, reason: unknown): Promise<{ email: string; changed: boolean }> {
    if (!(Number.isSafeInteger(id) && id > 0 && id <= MAX_ID)) throw new NotFoundException('No such reader');
    return this.suppression.setByEditor(id, suppressed, editor.id, reason);
  }

  private async view(reader: ReaderRecord): Promise<ReaderView> {
    const [newsletters, sectors, history, actions] = await Promise.all([
      this.newsletters.list(),
      this.newsletters.jobSectors(),
      this.consent.history(reader.id, CONSENT_SHOWN + 1),
      this.readers.readerActions(reader.id),
    ]);
    const audit = await this.audit.entries({ subscriberId: reader.id }, 200);
    const editors = await this.editors.namesByIds([...new Set(actions.flatMap((a) => (a.editorId === null ? [] : [a.editorId])))]);
    const newsletterName = (id: number | null) => (id === null ? 'All newsletters' : (newsletters.find((n) => n.id === id)?.name ?? `Newsletter ${id}`));
    const sectorLabel = (slug: unknown) => (typeof slug === 'string' ? (sectors.find((s) => s.slug === slug)?.label ?? slug) : 'none');
    return {
      id: reader.id,
      email: reader.email,
      since: time(reader.createdAt),
      sector: sectors.find((s) => s.id === reader.jobSectorId)?.label ?? null,
      suppression: reader.suppressedAt ? { at: time(reader.suppressedAt), reason: reader.suppressionReason } : null,
      subscriptions: reader.subscriptions.map((s) => ({
        newsletter: newsletterName(s.newsletterId),
        status: s.status,
        state: STATES[s.status] ?? s.status,
        since: time(s.status === 'unsubscribed' ? (s.unsubscribedAt ?? s.createdAt) : s.status === 'active' ? (s.confirmedAt ?? s.createdAt) : s.createdAt),
      })),
      consent: history.slice(0, CONSENT_SHOWN).map((e) => ({
        at: time(e.createdAt),
        newsletter: newsletterName(e.newsletterId),
        event: EVENTS[e.event] ?? e.event,
        change: describeChange(e.details, sectorLabel),
        source: e.source,
        notice: { version: e.noticeVersion, prompt: e.noticePrompt, text: e.noticeText },
      })),
      consentCut: history.length > CONSENT_SHOWN,
      // Each notice once, in full, under the history: every event links to the one it showed.
      notices: [...new Map(history.slice(0, CONSENT_SHOWN).map((e) => [e.noticeVersion, { version: e.noticeVersion, prompt: e.noticePrompt, text: e.noticeText }])).values()].sort(
        (a, b) => b.version - a.version,
      ),
      actions: actions.map((a) => ({
        at: time(a.createdAt),
        editor: a.editorId === null ? 'a removed editor' : (editors.get(a.editorId) ?? `editor ${a.editorId}`),
        action: ACTIONS[a.action] ?? a.action,
        reason: a.reason,
      })),
      audit: audit.map((e) => ({ at: time(e.at), who: e.who ?? 'unknown', what: e.what, client: e.client })),
    };
  }
}

/** A ledger row's details as words: "active → unsubscribed", "job sector: Arts and culture". */
function describeChange(details: string | null, sectorLabel: (slug: unknown) => string): string | null {
  if (!details) return null;
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(details) as Record<string, unknown>;
  } catch {
    return details;
  }
  if ('from' in parsed || 'to' in parsed) return `${String(parsed.from ?? 'none')} → ${String(parsed.to ?? 'none')}`;
  if (parsed.import && typeof parsed.import === 'object') return describeImport(parsed, sectorLabel);
  const sector = parsed.jobSector;
  if (sector && typeof sector === 'object') {
    const change = sector as { from?: unknown; to?: unknown };
    return `job sector: ${sectorLabel(change.from)} → ${sectorLabel(change.to)}`;
  }
  if ('jobSector' in parsed) return `job sector: ${sectorLabel(sector)}`;
  return details;
}

/** An imported reader's ledger row: the file, the stated basis, and what the file said of them (while kept). */
function describeImport(parsed: Record<string, unknown>, sectorLabel: (slug: unknown) => string): string {
  const from = parsed.import as { file?: unknown; basis?: unknown; status?: unknown };
  const given = (parsed.consentGiven ?? {}) as { at?: unknown; source?: unknown };
  const how = from.status === 'active' ? ', active at once' : from.status === 'pending' ? ', to confirm by email' : '';
  const parts = [`imported from ${String(from.file)}${how}: “${String(from.basis)}”`];
  if (typeof given.at === 'string') parts.push(`consented ${given.at.slice(0, 10)}`);
  if (typeof given.source === 'string') parts.push(`source: ${given.source}`);
  if ('jobSector' in parsed) parts.push(`job sector: ${sectorLabel(parsed.jobSector)}`);
  return parts.join('; ');
}
