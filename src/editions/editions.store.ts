import { randomBytes } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { Db } from '../database/db.service';
import { Edition, EditionStatus } from './edition.entity';

export interface NewEdition {
  newsletterId: number;
  subject: string;
  preheader: string | null;
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

/** An edition as the public archive lists it. */
export interface ArchivedEdition {
  id: number;
  subject: string;
  preheader: string | null;
  startedAt: Date;
}

// In the archive once sending started (readers already hold the link), unless an editor kept it out.
const IN_ARCHIVE = `e.in_archive AND e.web_html IS NOT NULL AND e.started_at IS NOT NULL AND e.status IN ('sending', 'paused', 'sent')`;

/**
 * The SQL of the tables the editions module owns, `editions`, `edition_articles` and
 * `edition_segments`: the only place an edition's content and status change. Only the editions
 * module uses it; everyone else asks EditionsService.
 */
@Injectable()
export class EditionsStore {
  private readonly logger = new Logger(EditionsStore.name);

  constructor(private readonly db: Db) {}

  find(id: number): Promise<Edition | null> {
    return this.db.repository(Edition).findOneBy({ id });
  }

  /**
   * Makes composers of one newsletter take turns until the caller's transaction ends, so two
   * schedulers, or an editor racing the schedule, never compose from the same new articles.
   */
  async lockNewsletter(newsletterId: number): Promise<void> {
    await this.db.query(`SELECT pg_advisory_xact_lock(hashtext('compose-edition'), $1)`, [newsletterId]);
  }

  async insertDraft(edition: NewEdition): Promise<number> {
    const created = await this.db.query<{ id: number }>(
      `WITH edition AS (
         INSERT INTO editions (newsletter_id, subject, preheader, status, origin, audience_sectors, created_at, updated_at)
         VALUES ($1, $2, $3, 'draft', $4, $6::int[], now(), now()) RETURNING id
       ), articles AS (
         INSERT INTO edition_articles (edition_id, article_id, position)
         SELECT edition.id, a.id, a.position - 1 FROM edition, unnest($5::int[]) WITH ORDINALITY AS a(id, position)
       )
       SELECT id FROM edition`,
      [edition.newsletterId, edition.subject, edition.preheader, edition.origin, edition.articleIds, edition.audienceSectors],
    );
    return created.rows[0].id;
  }

  /**
   * Changes a draft: its subject and preheader, and its articles in order when given. False when
   * the edition is not a draft (it has started, or ended): a sent edition never changes.
   */
  async updateDraft(id: number, change: { subject?: string; preheader?: string | null; articleIds?: number[]; audienceSectors?: number[] | null }): Promise<boolean> {
    return this.db.transaction(async () => {
      const updated = await this.db.query(
        `UPDATE editions SET subject = coalesce($2, subject), preheader = CASE WHEN $3 THEN $4 ELSE preheader END,
           audience_sectors = CASE WHEN $5 THEN $6::int[] ELSE audience_sectors END, updated_at = now()
         WHERE id = $1 AND status = 'draft'`,
        [id, change.subject ?? null, change.preheader !== undefined, change.preheader ?? null, change.audienceSectors !== undefined, change.audienceSectors ?? null],
      );
      if (updated.affected === 0) return false;
      if (change.articleIds) {
        await this.db.query(`DELETE FROM edition_articles WHERE edition_id = $1`, [id]);
        await this.db.query(
          `INSERT INTO edition_articles (edition_id, article_id, position)
           SELECT $1, a.id, a.position - 1 FROM unnest($2::int[]) WITH ORDINALITY AS a(id, position)`,
          [id, change.articleIds],
        );
      }
      return true;
    });
  }

  /** A page of editions, newest first, after the edition `before` (keyset on id). */
  async list(filter: { newsletterId?: number; status?: EditionStatus; before?: number; limit: number }): Promise<Edition[]> {
    const query = this.db.repository(Edition).createQueryBuilder('e').orderBy('e.id', 'DESC').take(filter.limit);
    if (filter.newsletterId !== undefined) query.andWhere('e.newsletterId = :newsletterId', { newsletterId: filter.newsletterId });
    if (filter.status) query.andWhere('e.status = :status', { status: filter.status });
    if (filter.before !== undefined) query.andWhere('e.id < :before', { before: filter.before });
    return query.getMany();
  }

  /** When the newsletter's last edition to go out started, or null before the first. */
  async lastSentAt(newsletterId: number): Promise<Date | null> {
    const last = await this.db.query<{ since: Date | null }>(
      `SELECT max(created_at) AS since FROM editions WHERE newsletter_id = $1 AND status IN ('sending', 'paused', 'sent')`,
      [newsletterId],
    );
    return last.rows[0]?.since ?? null;
  }

  /** Which of these articles are already in one of the newsletter's live editions (drafts included). */
  async articlesTaken(newsletterId: number, articleIds: number[]): Promise<Set<number>> {
    const taken = await this.db.query<{ article_id: number }>(
      `SELECT DISTINCT ea.article_id FROM edition_articles ea JOIN editions e ON e.id = ea.edition_id
       WHERE ea.article_id = ANY($2::int[]) AND e.newsletter_id = $1 AND e.status NOT IN ('cancelled', 'failed')`,
      [newsletterId, articleIds],
    );
    return new Set(taken.rows.map((row) => row.article_id));
  }

  async articleIds(editionId: number): Promise<number[]> {
    const order = await this.db.query<{ article_id: number }>(`SELECT article_id FROM edition_articles WHERE edition_id = $1 ORDER BY position`, [editionId]);
    return order.rows.map((row) => row.article_id);
  }

  async failDraft(id: number, error: string): Promise<void> {
    await this.db.query(`UPDATE editions SET status = 'failed', error = $2, updated_at = now() WHERE id = $1 AND status = 'draft'`, [id, error]);
  }

  /** draft → sending with its rendering; false when it was not a draft (someone else started it). */
  async startSending(id: number, rendered: { html: string; text: string; nonce: string; webHtml?: string }): Promise<boolean> {
    const moved = await this.db.query(
      `UPDATE editions SET status = 'sending', html = $2, text = $3, placeholder_nonce = $4, web_html = $5, message_id_salt = $6, started_at = now(), updated_at = now()
       WHERE id = $1 AND status = 'draft'`,
      [id, rendered.html, rendered.text, rendered.nonce, rendered.webHtml ?? null, randomBytes(32).toString('hex')],
    );
    return moved.affected > 0;
  }

  /** The edition's versions as rendered when its send started (segment 0: the untargeted one). */
  async saveSegments(id: number, segments: Array<{ segment: number; partnerIds: number[]; sectorIds: number[]; html: string; text: string }>): Promise<void> {
    await this.db.query(
      `INSERT INTO edition_segments (edition_id, segment, partner_ids, sector_ids, html, text)
       SELECT $1, s.segment, ARRAY(SELECT jsonb_array_elements_text(s.partners)::int), ARRAY(SELECT jsonb_array_elements_text(s.sectors)::int), s.html, s.text
       FROM jsonb_to_recordset($2::jsonb) AS s(segment int, partners jsonb, sectors jsonb, html text, text text)`,
      [id, JSON.stringify(segments.map((v) => ({ segment: v.segment, partners: v.partnerIds, sectors: v.sectorIds, html: v.html, text: v.text })))],
    );
  }

  /** Which sectors' readers got each version (segment) of the edition; empty before it was sent. */
  async segmentSectors(id: number): Promise<Array<{ segment: number; sectorIds: number[] }>> {
    const found = await this.db.query<{ segment: number; sector_ids: number[] }>(`SELECT segment, sector_ids FROM edition_segments WHERE edition_id = $1 ORDER BY segment`, [id]);
    return found.rows.map((r) => ({ segment: r.segment, sectorIds: r.sector_ids }));
  }

  /** Each version's rendering and the sectors whose readers get it. */
  async segments(id: number): Promise<Array<{ segment: number; sectorIds: number[]; partnerIds: number[]; html: string; text: string }>> {
    const found = await this.db.query<{ segment: number; sector_ids: number[]; partner_ids: number[]; html: string; text: string }>(
      `SELECT segment, sector_ids, partner_ids, html, text FROM edition_segments WHERE edition_id = $1 ORDER BY segment`,
      [id],
    );
    return found.rows.map((r) => ({ segment: r.segment, sectorIds: r.sector_ids, partnerIds: r.partner_ids, html: r.html, text: r.text }));
  }

  async transition(id: number, from: EditionStatus[], to: EditionStatus): Promise<boolean> {
    const finished = to === 'cancelled' ? ', finished_at = now()' : '';
    const moved = await this.db.query(`UPDATE editions SET status = $2, updated_at = now()${finished} WHERE id = $1 AND status = ANY($3::text[])`, [
      id,
      to,
      from,
    ]);
    return moved.affected > 0;
  }

  async status(id: number): Promise<EditionStatus | undefined> {
    const found = await this.db.query<{ status: EditionStatus }>(`SELECT status FROM editions WHERE id = $1`, [id]);
    return found.rows[0]?.status;
  }

  async sendingIds(): Promise<number[]> {
    const sending = await this.db.query<{ id: number }>(`SELECT id FROM editions WHERE status = 'sending' ORDER BY id`);
    return sending.rows.map((row) => row.id);
  }

  /** Where an edition becomes `sent`: delivery says every recipient has an outcome. */
  async markSent(id: number): Promise<boolean> {
    const done = await this.db.query(`UPDATE editions SET status = 'sent', finished_at = now(), updated_at = now() WHERE id = $1 AND status = 'sending'`, [id]);
    if (done.affected > 0) this.logger.log(`Edition ${id} sent`);
    return done.affected > 0;
  }

  async rendered(id: number): Promise<RenderedEdition | null> {
    const found = await this.db.query<RenderedEdition>(
      `SELECT e.id, e.newsletter_id AS "newsletterId", n.slug AS "newsletterSlug", n.name AS "newsletterName", e.subject, e.html, e.text,
              e.placeholder_nonce AS "placeholderNonce", e.message_id_salt AS "messageIdSalt"
       FROM editions e JOIN newsletters n ON n.id = e.newsletter_id WHERE e.id = $1 AND e.html IS NOT NULL`,
      [id],
    );
    return found.rows[0] ?? null;
  }

  /** Each newsletter's most recent edition that went out (or started to). */
  async latestSent(): Promise<Edition[]> {
    return this.db
      .repository(Edition)
      .createQueryBuilder('e')
      .select(['e.id', 'e.newsletterId', 'e.subject', 'e.status', 'e.startedAt', 'e.finishedAt', 'e.createdAt'])
      .distinctOn(['e.newsletterId'])
      .where(`e.status <> 'draft'`)
      .orderBy('e.newsletterId')
      .addOrderBy('e.createdAt', 'DESC')
      .getMany();
  }

  /** A newsletter's archived editions, newest first, keyset-paged on (started_at, id) from before the edition `before`. */
  async archivePage(newsletterId: number, limit: number, before?: number): Promise<ArchivedEdition[]> {
    const found = await this.db.query<ArchivedEdition>(
      `SELECT e.id, e.subject, e.preheader, e.started_at AS "startedAt" FROM editions e
       WHERE e.newsletter_id = $1 AND ${IN_ARCHIVE}
         AND ($3::int IS NULL OR (e.started_at, e.id) < (SELECT b.started_at, b.id FROM editions b WHERE b.id = $3))
       ORDER BY e.started_at DESC, e.id DESC LIMIT $2`,
      [newsletterId, limit, before ?? null],
    );
    return found.rows;
  }

  /** The web version stored when the edition's send started, or null when it is not in the archive. */
  async archivedWebHtml(newsletterId: number, id: number): Promise<string | null> {
    const found = await this.db.query<{ web_html: string }>(`SELECT e.web_html FROM editions e WHERE e.id = $1 AND e.newsletter_id = $2 AND ${IN_ARCHIVE}`, [
      id,
      newsletterId,
    ]);
    return found.rows[0]?.web_html ?? null;
  }

  /** Keeps an edition in the public archive, or out of it; false when there is no such edition. */
  async setInArchive(id: number, inArchive: boolean): Promise<boolean> {
    const changed = await this.db.query(`UPDATE editions SET in_archive = $2, updated_at = now() WHERE id = $1`, [id, inArchive]);
    return changed.affected > 0;
  }
}
