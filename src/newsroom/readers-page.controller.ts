import { Body, Controller, Get, NotFoundException, Param, ParseIntPipe, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { MinRole } from '../editors/editor-roles';
import { Audited } from '../editors/audit.interceptor';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { CsrfService } from '../common/csrf';
import { FieldError, fieldErrorsOf } from '../common/field-errors';
import { NewsroomPages } from './newsroom-pages';
import { NewsroomRequest, NewsroomSessionGuard } from './newsroom-session';
import { NewsroomReaders, ReaderView } from './readers-page';

const FLASHES: Record<string, string> = {
  suppressed: 'Suppressed: this reader gets no edition until an editor lifts it.',
  unsuppressed: 'Suppression lifted: this reader gets the newsletters they subscribe to from the next edition on.',
  unchanged: 'Nothing changed: the reader was already in that state (another editor may have got there first).',
  erased: "Erased: the reader's address, sector, IP addresses and user agents are gone; the ledger keeps its rows under their id only.",
};

/** Page 9: look up one reader by exact address; suppress or lift a suppression, with a reason. */
@ApiExcludeController()
@MinRole('editor')
@UseGuards(NewsroomSessionGuard)
@Controller('newsroom/readers')
export class ReadersPageController {
  constructor(
    private readonly readers: NewsroomReaders,
    private readonly pages: NewsroomPages,
    private readonly csrf: CsrfService,
  ) {}

  @Get()
  async show(@Query('email') email: unknown, @Query('done') done: unknown, @Req() req: NewsroomRequest, @Res({ passthrough: true }) res: Response): Promise<string> {
    if (email === undefined) return this.page(req, res, { flash: done === 'erased' ? FLASHES.erased : undefined });
    const address = typeof email === 'string' ? email.trim().slice(0, 254) : '';
    if (address === '') {
      res.status(400);
      return this.page(req, res, { searched: false, errors: [{ field: 'email', message: "Reader's email address: enter the address to look up" }] });
    }
    const reader = await this.readers.lookup(address);
    return this.page(req, res, { email: address, searched: true, reader, flash: reader ? FLASHES[String(done)] : undefined });
  }

  /** Everything held about the reader, as a file; recorded with the editor's name. */
  @Audited('reader.export', 'reader')
  @Get(':id/export')
  async exportData(@Param('id', ParseIntPipe) id: number, @Req() req: NewsroomRequest, @Res({ passthrough: true }) res: Response): Promise<string> {
    const data = await this.readers.exportData(id, req.editor!);
    res.set('Cache-Control', 'no-store').type('json').attachment(`reader-${id}-data.json`);
    return JSON.stringify(data, null, 2);
  }

  /** Erasure's confirmation step: what goes and what stays, and one button. */
  @Get(':id/erase')
  async confirmErasure(@Param('id', ParseIntPipe) id: number, @Req() req: NewsroomRequest, @Res({ passthrough: true }) res: Response): Promise<string> {
    const reader = await this.readers.byId(id);
    res.type('html');
    return this.pages.render('reader-erase', { title: "Erase a reader's data", section: 'readers', editor: req.editor, csrfToken: this.csrf.token(req, res), reader, back: `/newsroom/readers?email=${encodeURIComponent(reader.email)}#reader` });
  }

  @Audited('reader.erase', 'reader')
  @Post(':id/erase')
  async erase(@Param('id', ParseIntPipe) id: number, @Req() req: NewsroomRequest, @Res({ passthrough: true }) res: Response): Promise<string> {
    if (!(await this.readers.erase(id, req.editor!))) throw new NotFoundException('No such reader');
    res.status(303).location('/newsroom/readers?done=erased');
    return '';
  }

  @Audited('reader.suppress', 'reader')
  @Post(':id/suppress')
  suppress(@Param('id', ParseIntPipe) id: number, @Body('reason') reason: unknown, @Req() req: NewsroomRequest, @Res({ passthrough: true }) res: Response): Promise<string> {
    return this.setSuppressed(id, true, reason, req, res);
  }

  @Audited('reader.unsuppress', 'reader')
  @Post(':id/unsuppress')
  unsuppress(@Param('id', ParseIntPipe) id: number, @Body('reason') reason: unknown, @Req() req: NewsroomRequest, @Res({ passthrough: true }) res: Response): Promise<string> {
    return this.setSuppressed(id, false, reason, req, res);
  }

  /** 303 back to the reader's record; or, refused, their record again at 400 with nothing changed. */
  private async setSuppressed(id: number, suppressed: boolean, reason: unknown, req: NewsroomRequest, res: Response): Promise<string> {
    try {
      const { email, changed } = await this.readers.setSuppressed(id, suppressed, req.editor!, reason);
      const done = changed ? (suppressed ? 'suppressed' : 'unsuppressed') : 'unchanged';
      res.status(303).location(`/newsroom/readers?email=${encodeURIComponent(email)}&done=${done}#reader`);
      return '';
    } catch (error) {
      const errors = fieldErrorsOf(error);
      if (!errors) throw error;
      const reader = await this.readers.byId(id);
      res.status(400);
      return this.page(req, res, { email: reader.email, searched: true, reader, errors, reason: typeof reason === 'string' ? reason : '' });
    }
  }

  private page(
    req: NewsroomRequest,
    res: Response,
    view: { email?: string; searched?: boolean; reader?: ReaderView | null; flash?: string; errors?: FieldError[]; reason?: string },
  ): string {
    res.type('html');
    return this.pages.render('readers', {
      title: 'Readers',
      section: 'readers',
      editor: req.editor,
      csrfToken: this.csrf.token(req, res),
      ...view,
      errors: Object.fromEntries((view.errors ?? []).map((e) => [e.field, e.message])),
      errorList: view.errors ?? [],
    });
  }
}
