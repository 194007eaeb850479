import { Controller, Get, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { MinRole } from '../editors/editor-roles';
import { Audited } from '../editors/audit.interceptor';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { decodeCursor } from '../articles/article-cursor';
import { ArticlesService } from '../articles/articles.service';
import { ArticleView } from '../articles/dtos/article.dto';
import { FeedsService } from '../articles/feeds/feeds.service';
import { CsrfService } from '../common/csrf';
import { EditionsService } from '../editions/editions.service';
import { NewslettersService } from '../newsletters/newsletters.service';
import { NewsroomPages } from './newsroom-pages';
import { NewsroomRequest, NewsroomSessionGuard } from './newsroom-session';

const PAGE = 25;

/** Carries an import's result from its POST to the page after the redirect, once. */
const IMPORT_COOKIE = 'nl.import';

type ImportSummary = Awaited<ReturnType<FeedsService['importAll']>>[number];

/** The import result a cookie carries, or null for none or a malformed one. */
function importResult(value: unknown): { started: string; summaries: ImportSummary[] } | null {
  if (typeof value !== 'string') return null;
  try {
    const parsed = JSON.parse(value) as { started?: unknown; summaries?: unknown };
    if (typeof parsed.started !== 'string' || Number.isNaN(Date.parse(parsed.started)) || !Array.isArray(parsed.summaries)) return null;
    return { started: parsed.started, summaries: parsed.summaries as ImportSummary[] };
  } catch {
    return null;
  }
}

/** The articles editors choose from: newest first, searchable, and the feeds' import on demand. */
@ApiExcludeController()
@MinRole('writer')
@UseGuards(NewsroomSessionGuard)
@Controller('newsroom/articles')
export class ArticlesPageController {
  constructor(
    private readonly articles: ArticlesService,
    private readonly feeds: FeedsService,
    private readonly newsletters: NewslettersService,
    private readonly editions: EditionsService,
    private readonly pages: NewsroomPages,
    private readonly csrf: CsrfService,
  ) {}

  @Get()
  async list(@Query() query: Record<string, unknown>, @Req() req: NewsroomRequest, @Res({ passthrough: true }) res: Response): Promise<string> {
    const imported = importResult(req.cookies?.[IMPORT_COOKIE]);
    if (req.cookies?.[IMPORT_COOKIE] !== undefined) res.clearCookie(IMPORT_COOKIE, { path: '/newsroom/articles' });
    if (!imported) return this.render(req, res, query);
    const arrived = await this.articles.createdSince(new Date(imported.started), 50);
    return this.render(req, res, query, { summaries: imported.summaries, arrived, none: imported.summaries.length === 0 });
  }

  /**
   * Runs every configured feed's import now, in the request, then sends the browser to the list
   * (post/redirect/get: a reload does not import again), which shows the result once.
   */
  @MinRole('editor')
  @Audited('articles.import')
  @Post('import')
  async import(@Req() req: NewsroomRequest, @Res({ passthrough: true }) res: Response): Promise<string> {
    const started = new Date();
    const summaries = await this.feeds.importAll();
    res.cookie(IMPORT_COOKIE, JSON.stringify({ started: started.toISOString(), summaries }), {
      path: '/newsroom/articles',
      httpOnly: true,
      sameSite: 'strict',
      secure: req.secure,
      maxAge: 5 * 60_000,
    });
    res.status(303).location('/newsroom/articles');
    return '';
  }

  private async render(req: NewsroomRequest, res: Response, query: Record<string, unknown>, imported?: object): Promise<string> {
    const search = typeof query.q === 'string' ? query.q.trim().slice(0, 200) : '';
    const section = typeof query.section === 'string' && query.section !== '' ? query.section.slice(0, 100) : undefined;
    const cursor = typeof query.cursor === 'string' && decodeCursor(query.cursor) ? query.cursor : undefined;
    const [page, sections, newsletters] = await Promise.all([
      this.articles.browse({ search: search || undefined, section, cursor, limit: PAGE }),
      this.articles.sections(),
      this.newsletters.list(),
    ]);
    // "New" is per newsletter: published since that newsletter's last edition went out.
    const since = await Promise.all(newsletters.map(async (n) => ({ name: n.name, since: await this.editions.lastSentAt(n.id) })));
    const freshFor = (article: ArticleView) => since.filter((s) => s.since === null || article.publishedAt > s.since).map((s) => s.name);
    const filter = { ...(search ? { q: search } : {}), ...(section ? { section } : {}) };
    res.type('html');
    return this.pages.render('articles', {
      title: 'Articles',
      section: 'articles',
      editor: req.editor,
      csrfToken: this.csrf.token(req, res),
      search,
      sections: sections.map((name) => ({ name, selected: name === section })),
      articles: page.articles.map((a) => ({ ...a, newFor: freshFor(a) })),
      more: page.next ? `/newsroom/articles?${new URLSearchParams({ ...filter, cursor: page.next })}` : null,
      first: cursor ? `/newsroom/articles${Object.keys(filter).length ? `?${new URLSearchParams(filter)}` : ''}` : null,
      imported,
    });
  }
}
