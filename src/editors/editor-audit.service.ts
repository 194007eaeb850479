import { Inject, Injectable, Logger } from '@nestjs/common';
import { EditorialConfig, editorialConfig } from '../config/config';
import { Db } from '../database/db.service';
import * as queries from './editor-audit.queries';

/** Everything the audit log records, by the name it is stored and filtered under. */
export const AUDIT_ACTIONS = {
  'sign-in': 'Signed in',
  'sign-in.failed': 'Failed sign-in',
  'edition.create': 'Created an edition',
  'edition.edit': 'Edited an edition',
  'edition.test': 'Sent a test',
  'edition.send': 'Sent an edition',
  'edition.pause': 'Paused a send',
  'edition.resume': 'Resumed a send',
  'edition.cancel': 'Cancelled a send',
  'edition.archive': 'Changed archive visibility',
  'schedule.change': 'Changed a schedule',
  'newsletter.welcome': 'Changed a welcome text',
  'articles.import': 'Imported feeds',
  'reader.suppress': 'Suppressed a reader',
  'reader.unsuppress': 'Lifted a suppression',
  'reader.export': "Exported a reader's data",
  'reader.erase': 'Erased a reader',
  'readers.import': 'Imported readers',
  'team.invite': 'Invited to the team',
  'team.role': 'Changed a role',
  'team.name': 'Changed a display name',
  'team.remove': 'Removed from the team',
  'account.name': 'Changed their own display name',
} as const;
export type AuditAction = keyof typeof AUDIT_ACTIONS;

export interface AuditEvent {
  editorId: number | null;
  action: AuditAction;
  editionId?: number | null;
  subscriberId?: number | null;
  subjectEditorId?: number | null;
  detail?: string | null;
  client?: string | null;
}

export interface AuditFilter {
  editorId?: number | null;
  action?: AuditAction | null;
  from?: Date | null;
  until?: Date | null;
  subscriberId?: number | null;
  editionId?: number | null;
  beforeId?: number | null;
}

export interface AuditEntry {
  id: number;
  at: Date;
  action: AuditAction | string;
  what: string;
  editorId: number | null;
  /** The editor's display name, or address when they have none; null for a failed sign-in. */
  who: string | null;
  editionId: number | null;
  subscriberId: number | null;
  subject: string | null;
  detail: string | null;
  client: string | null;
}

/** The newsroom's audit log (table editor_audit, append-only by trigger). */
@Injectable()
export class EditorAudit {
  private readonly logger = new Logger(EditorAudit.name);

  constructor(
    private readonly db: Db,
    @Inject(editorialConfig.KEY) private readonly config: EditorialConfig,
  ) {}

  async record(event: AuditEvent): Promise<void> {
    await this.db.run(queries.record, {
      editorId: event.editorId,
      action: event.action,
      editionId: event.editionId ?? null,
      subscriberId: event.subscriberId ?? null,
      subjectEditorId: event.subjectEditorId ?? null,
      detail: event.detail?.slice(0, 500) ?? null,
      client: event.client?.slice(0, 64) ?? null,
    });
  }

  /** Newest first; the next page starts below the last id shown (keyset). */
  async entries(filter: AuditFilter, limit: number): Promise<AuditEntry[]> {
    const found = await this.db.run(queries.entries, {
      editorId: filter.editorId ?? null,
      action: filter.action ?? null,
      from: filter.from ?? null,
      until: filter.until ?? null,
      subscriberId: filter.subscriberId ?? null,
      editionId: filter.editionId ?? null,
      beforeId: filter.beforeId ?? null,
      limit,
    });
    return found.rows.map((row) => ({
      id: row.id,
      at: row.created_at,
      action: row.action,
      what: (AUDIT_ACTIONS as Record<string, string>)[row.action] ?? row.action,
      editorId: row.editor_id,
      who: row.editor_id === null ? null : (row.editor_name ?? row.editor_email),
      editionId: row.edition_id,
      subscriberId: row.subscriber_id,
      subject: row.subject_editor_id === null ? null : (row.subject_name ?? row.subject_email),
      detail: row.detail,
      client: row.client,
    }));
  }

  /** Who sent an edition (their display name or address), from the log; null when it was not sent from the newsroom or the API. */
  async sentBy(editionId: number): Promise<string | null> {
    const [sent] = await this.entries({ editionId, action: 'edition.send' }, 1);
    return sent?.who ?? null;
  }

  /** Deletes entries past AUDIT_RETENTION_DAYS: the trigger lets these, and only these, go. */
  async prune(): Promise<number> {
    const days = this.config.auditRetentionDays;
    const deleted = await this.db.transaction(async () => {
      await this.db.run(queries.allowPruning, { days: String(days) });
      return (await this.db.run(queries.prune, { days })).affected;
    });
    if (deleted > 0) this.logger.log(`Audit log: ${deleted} entries older than ${days} days deleted`);
    return deleted;
  }
}
