import { Body, Controller, Get, Header, HttpCode, Param, ParseIntPipe, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { mayTestTo, MinRole, OWN_ADDRESS_ONLY } from '../editors/editor-roles';
import { Audited } from '../editors/audit.interceptor';
import { EditorAudit } from '../editors/editor-audit.service';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { ArchiveService } from '../archive/archive.service';
import { CsrfService } from '../common/csrf';
import { FieldError, validateBody } from '../common/field-errors';
import { EDITION_STATUSES, NOTE_MAX_LENGTH, TestSendDto, UpdateEditionDto } from '../editions/dtos/edition.dto';
import { ComposeOptions } from '../editions/editions.service';
import { EditorNames } from '../editors/editor-names';
import { markdownToHtml } from '../mail/markdown';
import { ratesForPage } from '../deliverability/rates';
import { EditionView } from '../publishing/publishing.service';
import { addressList, chosenAudience, chosenOrder } from './compose-form';
import { editionPage, formatDuration, NewsroomEditions, progressOf, statusLabel } from './newsroom-editions';
import { NewsroomPages } from './newsroom-pages';
import { NewsroomRequest, NewsroomSessionGuard } from './newsroom-session';
import { withoutHttpPictures } from './preview-images';
import { clicksForPage } from './report-clicks';

type Form = Record<string, unknown>;

/**
 * The preview's own policy: the reader pages allow images from this site only, but an edition
 * shows its articles' pictures from wherever the feed names, as a mail client would; over https
 * only, so a feed cannot make an editor's browser request a host on the office network (a
 * picture over plain http is a placeholder, named on the page). The frame is sandboxed without
 * scripts, and nothing else may load.
 */
const PREVIEW_CSP = "default-src 'none'; img-src https: data:; style-src 'unsafe-inline'; font-src https: data:; base-uri 'none'; form-action 'none'; frame-ancestors 'self'";

/** Gmail clips a message whose HTML passes 102 kB; the preview warns from 90 kB. */
const GMAIL_CLIP_BYTES = 102 * 1024;
const CLIP_WARNING_BYTES = 90 * 1024;

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** The note as posted, signed by the editor posting it when they ticked the box. */
function postedNote(body: Form, req: NewsroomRequest): ComposeOptions['note'] {
  return { text: text(body.note), signedBy: body.signNote === '1' ? req.editor!.id : null };
}

/**
 * The subject and preheader as posted: one still showing what the lead article gave it (the form
 * sends back what it showed) keeps following the lead (null); an empty subject goes back to it.
 */
function postedHeadlines(body: Form, edition: EditionView): { subject: string | null; preheader: string | null } {
  const subject = text(body.subject).trim();
  const preheader = text(body.preheader).trim();
  const unchanged = (field: string, was: string): boolean => typeof body[was] === 'string' && text(body[was]).trim() === text(body[field]).trim();
  return {
    subject: subject === '' || (edition.fromLead.subject && unchanged('subject', 'subjectWas')) ? null : subject,
    preheader: edition.fromLead.preheader && unchanged('preheader', 'preheaderWas') ? null : preheader,
  };
}

/** After a save: back to the draft, or on to its preview ("Save and preview"). */
function afterSave(body: Form, id: number): string {
  return body.then === 'preview' ? `/newsroom/editions/${id}/preview` : `/newsroom/editions/${id}/edit?saved=1`;
}

/** Composing, previewing, testing, sending and watching editions, in the browser. */
@ApiExcludeController()
@MinRole('writer')
@UseGuards(NewsroomSessionGuard)
@Controller('newsroom')
export class EditionPagesController {
  constructor(
    private readonly newsroom: NewsroomEditions,
    private readonly pages: NewsroomPages,
    private readonly csrf: CsrfService,
    private readonly archives: ArchiveService,
    private readonly audit: EditorAudit,
    private readonly editorNames: EditorNames,
  ) {}

  @Get('editions')
  async list(@Query() query: Form, @Req() req: NewsroomRequest, @Res({ passthrough: true }) res: Response): Promise<string> {
    const newsletters = await this.newsroom.allNewsletters();
    const newsletter = newsletters.find((n) => n.slug === query.newsletter)?.slug;
    const status = EDITION_STATUSES.find((s) => s === query.status);
    const before = /^\d{1,9}$/.test(text(query.before)) ? Number(query.before) : undefined;
    const page = await this.newsroom.publishing.list({ newsletter, status, before, limit: 20 });
    const names = new Map(newsletters.map((n) => [n.slug, n.name]));
    const filter = new URLSearchParams({ ...(newsletter ? { newsletter } : {}), ...(status ? { status } : {}) });
    return this.page(req, res, 'editions', {
      title: 'Editions',
      section: 'editions',
      newsletters: newsletters.map((n) => ({ slug: n.slug, name: n.name, selected: n.slug === newsletter })),
      statuses: EDITION_STATUSES.map((s) => ({ value: s, label: statusLabel(s), selected: s === status })),
      editions: page.editions.map((e) => ({ ...e, newsletterName: names.get(e.newsletter), statusLabel: statusLabel(e.status), href: editionPage(e) })),
      older: page.next ? `/newsroom/editions?${new URLSearchParams({ ...Object.fromEntries(filter), before: String(page.next) })}` : null,
      newer: before !== undefined ? `/newsroom/editions${filter.size > 0 ? `?${filter}` : ''}` : null,
    });
  }

  @Get('editions/:id')
  async show(@Param('id', ParseIntPipe) id: number, @Res() res: Response): Promise<void> {
    res.redirect(303, editionPage(await this.newsroom.publishing.view(id)));
  }

  @Get('compose/:slug')
  async composePage(@Param('slug') slug: string, @Req() req: NewsroomRequest, @Res({ passthrough: true }) res: Response): Promise<string> {
    const newsletter = await this.newsroom.newsletter(slug);
    return this.composeForm(req, res, { newsletter, choices: await this.newsroom.choices(newsletter, null) });
  }

  @Audited('edition.create', 'edition')
  @Post('compose/:slug')
  async compose(@Param('slug') slug: string, @Body() body: Form, @Req() req: NewsroomRequest, @Res({ passthrough: true }) res: Response): Promise<string> {
    const newsletter = await this.newsroom.newsletter(slug);
    const articleIds = chosenOrder(body.articles, body.move);
    const { errors, audience } = await this.check(body, articleIds);
    if (errors.length > 0) {
      res.status(400);
      return this.composeForm(req, res, { newsletter, choices: await this.newsroom.choices(newsletter, articleIds), errors, values: body });
    }
    const draft = await this.newsroom.publishing.compose(slug, {
      articleIds,
      audience,
      subject: text(body.subject).trim() || undefined,
      preheader: text(body.preheader).trim() || undefined,
      note: postedNote(body, req),
    });
    return this.seeOther(res, afterSave(body, draft.id));
  }

  @Get('editions/:id/edit')
  async editPage(@Param('id', ParseIntPipe) id: number, @Query() query: Form, @Req() req: NewsroomRequest, @Res({ passthrough: true }) res: Response): Promise<string> {
    const edition = await this.newsroom.publishing.view(id);
    if (edition.status !== 'draft') return this.seeOther(res, editionPage(edition));
    const newsletter = await this.newsroom.newsletterOf(edition);
    const flash = query.saved ? 'Draft saved.' : query.tested ? `A test copy is on its way to ${text(query.tested)}.` : null;
    return this.composeForm(req, res, { newsletter, edition, choices: await this.newsroom.choices(newsletter, edition.articles.map((a) => a.id)), flash });
  }

  @Audited('edition.edit', 'edition')
  @Post('editions/:id/edit')
  async edit(@Param('id', ParseIntPipe) id: number, @Body() body: Form, @Req() req: NewsroomRequest, @Res({ passthrough: true }) res: Response): Promise<string> {
    const edition = await this.newsroom.publishing.view(id);
    const articleIds = chosenOrder(body.articles, body.move);
    const { errors, audience } = await this.check(body, articleIds);
    if (errors.length > 0) {
      res.status(400);
      const newsletter = await this.newsroom.newsletterOf(edition);
      return this.composeForm(req, res, { newsletter, edition, choices: await this.newsroom.choices(newsletter, articleIds), errors, values: body });
    }
    await this.newsroom.publishing.update(id, { ...postedHeadlines(body, edition), articleIds, audience, note: postedNote(body, req) });
    return this.seeOther(res, afterSave(body, id));
  }

  @Audited('edition.test', 'edition')
  @Post('editions/:id/test')
  async test(@Param('id', ParseIntPipe) id: number, @Body() body: Form, @Req() req: NewsroomRequest, @Res({ passthrough: true }) res: Response): Promise<string> {
    const edition = await this.newsroom.publishing.view(id);
    const to = addressList(body.to);
    const { value, errors } = await validateBody(TestSendDto, { to: to.length > 0 ? to : [req.editor!.email] });
    if (!mayTestTo(req.editor!, value?.to ?? to)) errors.push(OWN_ADDRESS_ONLY);
    if (errors.length > 0) {
      res.status(400);
      const newsletter = await this.newsroom.newsletterOf(edition);
      return this.composeForm(req, res, { newsletter, edition, choices: await this.newsroom.choices(newsletter, edition.articles.map((a) => a.id)), errors, testTo: text(body.to) });
    }
    await this.newsroom.publishing.queueTest(id, value.to);
    return this.seeOther(res, `/newsroom/editions/${id}/edit?tested=${encodeURIComponent(value.to.join(', '))}`);
  }

  @Get('editions/:id/preview')
  async preview(@Param('id', ParseIntPipe) id: number, @Query('view') view: unknown, @Query('sector') sectorParam: unknown, @Req() req: NewsroomRequest, @Res({ passthrough: true }) res: Response): Promise<string> {
    const edition = await this.newsroom.publishing.view(id);
    const mode = view === 'mobile' || view === 'text' ? view : 'desktop';
    const sectors = await this.newsroom.sectors();
    const sector = sectors.find((s) => s.slug === sectorParam)?.slug;
    const asSector = sector ? `sector=${encodeURIComponent(sector)}` : '';
    const { httpPictures } = withoutHttpPictures(await this.newsroom.publishing.preview(id, sector));
    const largest = await this.newsroom.publishing.largestCopy(id);
    return this.page(req, res, 'preview', {
      size: {
        kilobytes: Math.ceil(largest.bytes / 1024),
        warn: largest.bytes > CLIP_WARNING_BYTES,
        clipped: largest.bytes > GMAIL_CLIP_BYTES,
        largestSector: largest.sector,
      },
      title: `Preview: ${edition.subject}`,
      section: 'editions',
      edition,
      back: editionPage(edition),
      mode,
      desktop: mode === 'desktop',
      mobile: mode === 'mobile',
      plainText: mode === 'text' ? await this.newsroom.publishing.previewText(id, sector) : null,
      sectors: sectors.map((s) => ({ slug: s.slug, name: s.label, selected: s.slug === sector })),
      frame: `/newsroom/editions/${id}/preview.html${asSector ? `?${asSector}` : ''}`,
      httpPictures,
      also: asSector ? `&${asSector}` : '',
    });
  }

  /** The edition's HTML alone, for the preview's sandboxed frame. */
  @Get('editions/:id/preview.html')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async previewFrame(@Param('id', ParseIntPipe) id: number, @Query('sector') sector: unknown, @Res({ passthrough: true }) res: Response): Promise<string> {
    const { html } = withoutHttpPictures(await this.newsroom.publishing.preview(id, typeof sector === 'string' && sector !== '' ? sector : undefined));
    res.setHeader('Content-Security-Policy', PREVIEW_CSP);
    // A link followed in the frame opens in a tab of its own, never inside the preview.
    return html.replace(/<a\s/gi, '<a target="_blank" rel="noopener" ');
  }

  @MinRole('editor')
  @Get('editions/:id/send')
  async sendPage(@Param('id', ParseIntPipe) id: number, @Req() req: NewsroomRequest, @Res({ passthrough: true }) res: Response): Promise<string> {
    const edition = await this.newsroom.publishing.view(id);
    if (edition.status !== 'draft') return this.seeOther(res, editionPage(edition));
    const newsletter = await this.newsroom.newsletterOf(edition);
    const audience = await this.newsroom.audience(newsletter.id, edition.audience?.sectors ?? null);
    return this.page(req, res, 'send', {
      title: 'Send this edition?',
      section: 'editions',
      edition,
      newsletter,
      audience,
      articleCount: edition.articles.length,
      estimate: await this.newsroom.estimates.forSend(newsletter.id, new Date(), audience.readers),
    });
  }

  @MinRole('editor')
  @Audited('edition.send', 'edition')
  @Post('editions/:id/send')
  async send(@Param('id', ParseIntPipe) id: number, @Res({ passthrough: true }) res: Response): Promise<string> {
    await this.newsroom.publishing.send(id);
    return this.seeOther(res, `/newsroom/editions/${id}/progress`);
  }

  @MinRole('editor')
  @Get('editions/:id/progress')
  async progress(@Param('id', ParseIntPipe) id: number, @Req() req: NewsroomRequest, @Res({ passthrough: true }) res: Response): Promise<string> {
    const edition = await this.newsroom.publishing.view(id);
    const progress = progressOf(edition, await this.newsroom.timezoneOf(edition));
    return this.page(req, res, 'progress', {
      title: `Sending: ${edition.subject}`,
      section: 'editions',
      edition,
      progress,
      // Without JavaScript the page reloads itself until the send is over.
      head: progress.finished ? undefined : '<noscript><meta http-equiv="refresh" content="2"></noscript>',
      scripts: true,
      canPause: edition.status === 'sending',
      canResume: edition.status === 'paused',
      canCancel: edition.status === 'sending' || edition.status === 'paused',
    });
  }

  @MinRole('editor')
  @Get('editions/:id/progress.json')
  async progressJson(@Param('id', ParseIntPipe) id: number): Promise<ReturnType<typeof progressOf>> {
    const edition = await this.newsroom.publishing.view(id);
    return progressOf(edition, await this.newsroom.timezoneOf(edition));
  }

  @MinRole('editor')
  @Audited('edition.pause', 'edition')
  @Post('editions/:id/pause')
  async pause(@Param('id', ParseIntPipe) id: number, @Res({ passthrough: true }) res: Response): Promise<string> {
    return this.seeOther(res, editionPage(await this.newsroom.publishing.pause(id)));
  }

  @MinRole('editor')
  @Audited('edition.resume', 'edition')
  @Post('editions/:id/resume')
  async resume(@Param('id', ParseIntPipe) id: number, @Res({ passthrough: true }) res: Response): Promise<string> {
    return this.seeOther(res, editionPage(await this.newsroom.publishing.resume(id)));
  }

  @MinRole('editor')
  @Audited('edition.cancel', 'edition')
  @Post('editions/:id/cancel')
  async cancel(@Param('id', ParseIntPipe) id: number, @Res({ passthrough: true }) res: Response): Promise<string> {
    return this.seeOther(res, editionPage(await this.newsroom.publishing.cancel(id)));
  }

  @MinRole('editor')
  @Get('editions/:id/report')
  async report(@Param('id', ParseIntPipe) id: number, @Req() req: NewsroomRequest, @Res({ passthrough: true }) res: Response): Promise<string> {
    const edition = await this.newsroom.publishing.view(id);
    const newsletter = await this.newsroom.newsletterOf(edition);
    const started = edition.startedAt ? new Date(edition.startedAt) : null;
    const finished = edition.finishedAt ? new Date(edition.finishedAt) : null;
    return this.page(req, res, 'report', {
      title: `Report: ${edition.subject}`,
      section: 'editions',
      edition,
      newsletter,
      statusLabel: statusLabel(edition.status),
      progress: progressOf(edition),
      duration: started && finished ? formatDuration((finished.getTime() - started.getTime()) / 1000) : null,
      failures: await this.newsroom.publishing.failures(id),
      relays: await this.newsroom.publishing.sentByRelay(id),
      archive: await this.newsroom.archiveEntry(edition),
      rates: edition.rates ? ratesForPage(edition.rates) : null,
      clicks: edition.startedAt ? clicksForPage(await this.newsroom.publishing.clicksReport(id)) : null,
      sentBy: await this.audit.sentBy(id),
    });
  }

  @MinRole('editor')
  @Audited('edition.archive', 'edition')
  @Post('editions/:id/archive')
  async archive(@Param('id', ParseIntPipe) id: number, @Body() body: Form, @Res({ passthrough: true }) res: Response): Promise<string> {
    await this.archives.setInArchive(id, body.inArchive === '1');
    return this.seeOther(res, `/newsroom/editions/${id}/report`);
  }

  /** Live preview of the note while it is typed (with JavaScript): the sanitised HTML readers will see, and its length. */
  @Post('note-preview')
  @HttpCode(200)
  notePreview(@Body() body: Form): { html: string; characters: number } {
    const note = text(body.note).replace(/\r\n?/g, '\n').trim();
    return { html: note ? markdownToHtml(note) : '', characters: note.length };
  }

  private async check(body: Form, articleIds: number[]): Promise<{ errors: FieldError[]; audience: { sectors: string[] } | null }> {
    const subject = text(body.subject).trim();
    const { errors } = await validateBody(UpdateEditionDto, {
      subject: subject || undefined,
      preheader: text(body.preheader),
      note: text(body.note).replace(/\r\n?/g, '\n').trim(),
    });
    const messages = [...errors];
    if (articleIds.length === 0) messages.push({ field: 'articles', message: 'Choose at least one article' });
    const audience = chosenAudience(body.audience, body.sectors);
    if (audience === 'none-ticked') messages.push({ field: 'sectors', message: 'Tick at least one sector, or send to every reader' });
    return { errors: messages, audience: audience === 'none-ticked' ? null : audience };
  }

  private async composeForm(
    req: NewsroomRequest,
    res: Response,
    form: { newsletter: { id: number; slug: string; name: string }; edition?: EditionView; choices: unknown[]; errors?: FieldError[]; values?: Form; flash?: string | null; testTo?: string },
  ): Promise<string> {
    const values = form.values ?? {};
    const posted = form.values ? chosenAudience(values.audience, values.sectors) : undefined;
    const targeted = posted === undefined ? (form.edition?.audience?.sectors ?? null) : posted === null ? null : posted === 'none-ticked' ? [] : posted.sectors;
    const note = form.values ? text(values.note) : (form.edition?.note ?? '');
    return this.page(req, res, 'compose', {
      title: form.edition ? `Edit: ${form.edition.subject}` : `Compose ${form.newsletter.name}`,
      // A form sent back with errors keeps saying which of the two still follow the lead.
      subjectFromLead: form.values ? typeof values.subjectWas === 'string' && values.subjectWas === values.subject : form.edition?.fromLead.subject,
      preheaderFromLead: form.values ? typeof values.preheaderWas === 'string' && values.preheaderWas === values.preheader : form.edition?.fromLead.preheader,
      note,
      noteHtml: note.trim() ? markdownToHtml(note) : '',
      noteLength: note.replace(/\r\n?/g, '\n').trim().length,
      noteMax: NOTE_MAX_LENGTH,
      noteSigned: form.values ? values.signNote === '1' : form.edition ? form.edition.noteSignedBy !== null : false,
      signOff: (await this.editorNames.signOff(req.editor!.id)) ?? req.editor!.email,
      section: 'editions',
      newsletter: form.newsletter,
      edition: form.edition,
      action: form.edition ? `/newsroom/editions/${form.edition.id}/edit` : `/newsroom/compose/${form.newsletter.slug}`,
      subject: form.values ? text(values.subject) : (form.edition?.subject ?? ''),
      preheader: form.values ? text(values.preheader) : (form.edition?.preheader ?? ''),
      choices: form.choices,
      audience: await this.newsroom.audience(form.newsletter.id, targeted),
      flash: form.flash,
      testTo: form.testTo ?? req.editor!.email,
      hasErrors: (form.errors ?? []).length > 0,
      errorList: form.errors ?? [],
      errors: Object.fromEntries((form.errors ?? []).map((e) => [e.field, e.message])),
    });
  }

  private page(req: NewsroomRequest, res: Response, name: string, context: { title: string; [key: string]: unknown }): string {
    res.type('html');
    return this.pages.render(name, { ...context, editor: req.editor, csrfToken: this.csrf.token(req, res) });
  }

  private seeOther(res: Response, location: string): string {
    res.status(303).location(location);
    return '';
  }
}
