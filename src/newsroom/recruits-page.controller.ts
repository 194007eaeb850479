import { Controller, Get, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { CsrfService } from '../common/csrf';
import { MinRole } from '../editors/editor-roles';
import { NewsroomPages } from './newsroom-pages';
import { NewsroomRequest, NewsroomSessionGuard } from './newsroom-session';
import { NewsroomRecruits, RECRUIT_PERIODS } from './recruits-page';

const asList = (value: unknown): string[] => (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');

@ApiExcludeController()
@UseGuards(NewsroomSessionGuard)
@MinRole('writer')
@Controller('newsroom')
export class RecruitsPageController {
  constructor(
    private readonly recruits: NewsroomRecruits,
    private readonly pages: NewsroomPages,
    private readonly csrf: CsrfService,
  ) {}

  @Get('recruits')
  async report(@Query('days') days: unknown, @Req() req: NewsroomRequest, @Res({ passthrough: true }) res: Response): Promise<string> {
    res.type('html');
    const period = RECRUIT_PERIODS.find((d) => String(d) === days) ?? 30;
    return this.pages.render('recruits', {
      title: 'Which articles recruit readers',
      section: 'recruits',
      editor: req.editor,
      csrfToken: this.csrf.token(req, res),
      ...(await this.recruits.report(period)),
    });
  }

  @MinRole('admin')
  @Get('signup-forms')
  async forms(@Query() query: Record<string, unknown>, @Req() req: NewsroomRequest, @Res({ passthrough: true }) res: Response): Promise<string> {
    res.type('html');
    const submitted = query.shown === '1';
    return this.pages.render('signup-forms', {
      title: 'Sign-up forms',
      section: 'signup-forms',
      editor: req.editor,
      csrfToken: this.csrf.token(req, res),
      ...(await this.recruits.forms(asList(query.newsletters), submitted ? query.sectors === 'on' : true)),
    });
  }
}
