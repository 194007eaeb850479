import { Body, Controller, Get, Param, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { MinRole } from '../editors/editor-roles';
import { Audited } from '../editors/audit.interceptor';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { fieldErrorsOf } from '../common/field-errors';
import { CsrfService } from '../common/csrf';
import { NewsroomPages } from './newsroom-pages';
import { NewsroomRequest, NewsroomSessionGuard } from './newsroom-session';
import { NewsroomSchedules, ScheduleForm, ScheduleSection } from './schedules-page';

/** Page 8: when each newsletter goes out by itself. */
@ApiExcludeController()
@MinRole('writer')
@UseGuards(NewsroomSessionGuard)
@Controller('newsroom/schedules')
export class SchedulesPageController {
  constructor(
    private readonly schedules: NewsroomSchedules,
    private readonly pages: NewsroomPages,
    private readonly csrf: CsrfService,
  ) {}

  @Get()
  async show(@Query('saved') saved: unknown, @Req() req: NewsroomRequest, @Res({ passthrough: true }) res: Response): Promise<string> {
    const sections = await this.schedules.build();
    const flash = sections.find((s) => s.slug === saved);
    return this.page(req, res, sections, flash && `Saved. ${flash.name}: ${flash.words} (${flash.timezone}).`);
  }

  /** 303 back to the page; or, refused, the page again at 400 with nothing changed. */
  @MinRole('editor')
  @Audited('schedule.change')
  @Post(':slug')
  async save(@Param('slug') slug: string, @Body() form: ScheduleForm, @Req() req: NewsroomRequest, @Res({ passthrough: true }) res: Response): Promise<string> {
    try {
      await this.schedules.save(slug, form);
    } catch (error) {
      const errors = fieldErrorsOf(error);
      if (!errors) throw error;
      res.status(400);
      return this.page(req, res, await this.schedules.build({ slug, form, errors }));
    }
    res.status(303).location(`/newsroom/schedules?saved=${encodeURIComponent(slug)}#schedule-${encodeURIComponent(slug)}`);
    return '';
  }

  private page(req: NewsroomRequest, res: Response, newsletters: ScheduleSection[], flash?: string): string {
    res.type('html');
    return this.pages.render('schedules', {
      title: 'Schedules',
      section: 'schedules',
      editor: req.editor,
      csrfToken: this.csrf.token(req, res),
      newsletters,
      flash,
      errorList: newsletters.flatMap((n) => n.errorList),
    });
  }
}
