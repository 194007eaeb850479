import { randomBytes } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { Db } from '../database/db.service';
import * as queries from './editions.queries';
import { Edition, EditionStatus } from './edition.entity';

export interface NewEdition {
  newsletterId: number;
  subject: string;
  preheader: string | null;
  subjectAuto: boolean;
  preheaderAuto: boolean;
  note: string | null;
  noteSignedBy: number | null;
  origin: 'editor' | 'schedule';
  articleIds: number[];
  /** Job sector ids; null: every active reader. */
  audienceSectors: number[] | null;
}

/** An edition as sending starts it: what every recipient's copy is built from. */
export interface RenderedEdition {
  id: number;
  newsletterId: number;
  newsletterSlug: string;
  newsletterName: string;
  subject: string;
  html: string;
  text: string;
  placeholderNonce: string;
  /** The secret behind its copies' Message-IDs (hex); null for editions that started before there was one. */
  messageIdSalt: string | null;
}

/** A newsletter's latest edition as the dashboard shows it. */
export type LatestEdition = Pick<Edition, 'id' | 'newsletterId' | 'subject' | 'status' | 'startedAt' | 'finishedAt' | 'createdAt'>;

/** An edition as the public archive lists it. */
export interface ArchivedEdition {
  id: number;
  subject: string;
  preheader: string | null;
  startedAt: Date;
}

/** A row as the edition it is: its status one of the statuses. */
function toEdition<T extends { status: string }>(row: T): T & { status: EditionStatus } {
  return { ...row, status: row.status as EditionStatus };
}

/**
 * The SQL of the tables the editions module owns, `editions`, `edition_articles` and
 * `edition_segments`: the only place an edition's content and status change. Only the editions
 * module uses it; everyone else asks EditionsService.
 */
@Injectable()
export class EditionsStore {
  private readonly logger = new Logger(EditionsStore.name);

  constructor(private readonly db: Db) {}

  async find(id: number): Promise<Edition | null> {
    const found = await this.db.run(queries.find, { id });
    return found.rows[0] ? toEdition(found.rows[0]) : null;
  }

  /**
   * Makes composers of one newsletter take turns until the caller's transaction ends, so two
   * schedulers, or an editor racing the schedule, never compose from the same new articles.
   */
  async lockNewsletter(newsletterId: number): Promise<void> {
    await this.db.run(queries.lockNewsletter, { newsletterId });
  }

  async insertDraft(edition: NewEdition): Promise<number> {
    const created = await this.db.run(queries.insertDraft, {
      newsletterId: edition.newsletterId,
      subject: edition.subject,
      preheader: edition.preheader,
      subjectAuto: edition.subjectAuto,
      preheaderAuto: edition.preheaderAuto,
      note: edition.note,
      noteSignedBy: edition.noteSignedBy,
      origin: edition.origin,
      articleIds: edition.articleIds,
      audienceSectors: edition.audienceSectors,
    });
    return created.rows[0].id;
  }

  /**
   * Changes a draft: its subject and preheader, and its articles in order when given. False when
   * the edition is not a draft (it has started, or ended): a sent edition never changes.
   */
  async updateDraft(
    id: number,
    change: {
      subject?: string;
      preheader?: string | null;
      subjectAuto?: boolean;
      preheaderAuto?: boolean;
      /** With the editor who signs it (null: unsigned); undefined: unchanged. */
      note?: { text: string | null; signedBy: number | null };
      articleIds?: number[];
      audienceSectors?: number[] | null;
    },
  ): Promise<boolean> {
    return this.db.transaction(async () => {
      const updated = await this.db.run(queries.updateDraft, {
        id,
        subject: change.subject ?? null,
        setPreheader: change.preheader !== undefined,
        preheader: change.preheader ?? null,
        subjectAuto: change.subjectAuto ?? null,
        preheaderAuto: change.preheaderAuto ?? null,
        setNote: change.note !== undefined,
        note: change.note?.text ?? null,
        noteSignedBy: change.note?.signedBy ?? null,
        setAudience: change.audienceSectors !== undefined,
        audienceSectors: change.audienceSectors ?? null,
      });
      if (updated.affected === 0) return false;
      if (change.articleIds) {
        await this.db.run(queries.clearArticles, { id });
        await this.db.run(queries.setArticles, { id, articleIds: change.articleIds });
      }
      return true;
    });
  }

  /** A page of editions, newest first, after the edition `before` (keyset on id). */
  async list(filter: { newsletterId?: number; status?: EditionStatus; before?: number; limit: number }): Promise<Edition[]> {
    const found = await this.db.run(queries.list, {
      newsletterId: filter.newsletterId ?? null,
      status: filter.status ?? null,
      before: filter.before ?? null,
      limit: filter.limit,
    });
    return found.rows.map(toEdition);
  }

  /** When the newsletter's last edition to go out started, or null before the first. */
  async lastSentAt(newsletterId: number): Promise<Date | null> {
    const last = await this.db.run(queries.lastSentAt, { newsletterId });
    return last.rows[0]?.since ?? null;
  }

  /** Which of these articles are already in one of the newsletter's live editions (drafts included). */
  async articlesTaken(newsletterId: number, articleIds: number[]): Promise<Set<number>> {
    const taken = await this.db.run(queries.articlesTaken, { newsletterId, articleIds });
    return new Set(taken.rows.map((row) => row.article_id));
  }

  async articleIds(editionId: number): Promise<number[]> {
    const order = await this.db.run(queries.articleIds, { editionId });
    return order.rows.map((row) => row.article_id);
  }

  async failDraft(id: number, error: string): Promise<void> {
    await this.db.run(queries.failDraft, { id, error });
  }

  /** draft → sending with its rendering; false when it was not a draft (someone else started it). */
  async startSending(id: number, rendered: { html: string; text: string; nonce: string; webHtml?: string }): Promise<boolean> {
    const moved = await this.db.run(queries.startSending, {
      id,
      html: rendered.html,
      text: rendered.text,
      nonce: rendered.nonce,
      webHtml: rendered.webHtml ?? null,
      messageIdSalt: randomBytes(32).toString('hex'),
    });
    return moved.affected > 0;
  }

  /** The edition's versions as rendered when its send started (segment 0: the untargeted one). */
  async saveSegments(id: number, segments: Array<{ segment: number; partnerIds: number[]; sectorIds: number[]; html: string; text: string }>): Promise<void> {
    await this.db.run(queries.saveSegments, {
      id,
      segments: JSON.stringify(segments.map((v) => ({ segment: v.segment, partners: v.partnerIds, sectors: v.sectorIds, html: v.html, text: v.text }))),
    });
  }

  /** Which sectors' readers got each version (segment) of the edition; empty before it was sent. */
  async segmentSectors(id: number): Promise<Array<{ segment: number; sectorIds: number[] }>> {
    const found = await this.db.run(queries.segmentSectors, { id });
    return found.rows;
  }

  /** Each version's rendering and the sectors whose readers get it. */
  async segments(id: number): Promise<Array<{ segment: number; sectorIds: number[]; partnerIds: number[]; html: string; text: string }>> {
    const found = await this.db.run(queries.segments, { id });
    return found.rows;
  }

  async transition(id: number, from: EditionStatus[], to: EditionStatus): Promise<boolean> {
    const moved = await this.db.run(queries.transition, { id, to, from });
    return moved.affected > 0;
  }

  async status(id: number): Promise<EditionStatus | undefined> {
    const found = await this.db.run(queries.status, { id });
    return found.rows[0]?.status as EditionStatus | undefined;
  }

  async sendingIds(): Promise<number[]> {
    const sending = await this.db.run(queries.sendingIds, undefined);
    return sending.rows.map((row) => row.id);
  }

  /** Where an edition becomes `sent`: delivery says every recipient has an outcome. */
  async markSent(id: number): Promise<boolean> {
    const done = await this.db.run(queries.markSent, { id });
    if (done.affected > 0) this.logger.log(`Edition ${id} sent`);
    return done.affected > 0;
  }

  async rendered(id: number): Promise<RenderedEdition | null> {
    const found = await this.db.run(queries.rendered, { id });
    return found.rows[0] ?? null;
  }

  /** Each newsletter's most recent edition that went out (or started to). */
  async latestSent(): Promise<LatestEdition[]> {
    const found = await this.db.run(queries.latestSent, undefined);
    return found.rows.map((row) => ({ ...row, status: row.status as EditionStatus }));
  }

  /** A newsletter's archived editions, newest first, keyset-paged on (started_at, id) from before the edition `before`. */
  async archivePage(newsletterId: number, limit: number, before?: number): Promise<ArchivedEdition[]> {
    const found = await this.db.run(queries.archivePage, { newsletterId, limit, before: before ?? null });
    return found.rows;
  }

  /** The web version stored when the edition's send started, or null when it is not in the archive. */
  async archivedWebHtml(newsletterId: number, id: number): Promise<string | null> {
    const found = await this.db.run(queries.archivedWebHtml, { id, newsletterId });
    return found.rows[0]?.webHtml ?? null;
  }

  /** Keeps an edition in the public archive, or out of it; false when there is no such edition. */
  async setInArchive(id: number, inArchive: boolean): Promise<boolean> {
    const changed = await this.db.run(queries.setInArchive, { id, inArchive });
    return changed.affected > 0;
  }
}
