import { Injectable, NotFoundException } from '@nestjs/common';
import { archivePath, webVersionPath } from '../editions/edition-paths';
import { EditionsService } from '../editions/editions.service';
import { TemplatesService } from '../mail/templates.service';
import { Newsletter } from '../newsletters/newsletter.entity';
import { NewslettersService } from '../newsletters/newsletters.service';

const ARCHIVE_PAGE_SIZE = 20;

const MAX_ID = 2 ** 31 - 1;

/** An id from a URL, or null when it cannot name an edition (so the answer is 404, not a database error). */
function editionIdFrom(value: unknown): number | null {
  if (typeof value !== 'string' || !/^[1-9][0-9]{0,9}$/.test(value)) return null;
  const id = Number(value);
  return id <= MAX_ID ? id : null;
}

/**
 * The public archive of sent editions. Each edition's page is the web version stored when its
 * send started, served as it is; only the lists are built per request, from a few columns.
 */
@Injectable()
export class ArchiveService {
  constructor(
    private readonly editions: EditionsService,
    private readonly catalogue: NewslettersService,
    private readonly templates: TemplatesService,
  ) {}

  async newslettersPage(): Promise<string> {
    const newsletters = await this.catalogue.list();
    return this.templates.page('archive/index', {
      newsletters: newsletters.map((n) => ({ slug: n.slug, name: n.name, blurb: n.blurb, url: archivePath(n.slug) })),
    });
  }

  /** A newsletter's editions, newest first, 20 a page; `before` is the id of the last one on the newer page. */
  async editionsPage(slug: string, before?: string): Promise<string> {
    const newsletter = await this.newsletter(slug);
    const cursor = before === undefined ? undefined : editionIdFrom(before);
    if (cursor === null) throw new NotFoundException(`No page of ${newsletter.name} before ${before}`);
    const rows = await this.editions.archivePage(newsletter.id, ARCHIVE_PAGE_SIZE + 1, cursor);
    const editions = rows.slice(0, ARCHIVE_PAGE_SIZE);
    const older = rows.length > ARCHIVE_PAGE_SIZE ? `${archivePath(slug)}?before=${editions[editions.length - 1].id}` : null;
    const newest = cursor === undefined ? null : archivePath(slug);
    return this.templates.page('archive/newsletter', {
      title: `${newsletter.name}: past editions`,
      newsletter: { name: newsletter.name, blurb: newsletter.blurb },
      editions: editions.map((e) => ({ subject: e.subject, url: webVersionPath(slug, e.id), sentAt: new Date(e.startedAt).toISOString() })),
      older,
      newest,
      pager: Boolean(older || newest),
    });
  }

  /** The stored web version; 404 when the edition is not (or no longer) in the archive. */
  async webVersion(slug: string, editionId: string): Promise<string> {
    const newsletter = await this.newsletter(slug);
    const id = editionIdFrom(editionId);
    const html = id === null ? null : await this.editions.archivedWebHtml(newsletter.id, id);
    if (html === null) throw new NotFoundException(`No edition ${editionId} of ${newsletter.name} in the archive`);
    return html;
  }

  /** Keeps an edition in the public archive, or out of it (its page then answers 404 and the lists drop it). */
  async setInArchive(editionId: number, inArchive: boolean): Promise<{ id: number; inArchive: boolean }> {
    const found = editionId >= 1 && editionId <= MAX_ID && (await this.editions.setInArchive(editionId, inArchive));
    if (!found) throw new NotFoundException(`No edition ${editionId}`);
    return { id: editionId, inArchive };
  }

  private async newsletter(slug: string): Promise<Newsletter> {
    const newsletter = await this.catalogue.bySlug(slug);
    if (!newsletter) throw new NotFoundException(`No newsletter ${slug}`);
    return newsletter;
  }
}
