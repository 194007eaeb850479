import { Controller, Get, Req, Res, UseGuards } from '@nestjs/common';
import { MinRole } from '../editors/editor-roles';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { CsrfService } from '../common/csrf';
import { NewsroomDashboard } from './dashboard';
import { NewsroomPages } from './newsroom-pages';
import { NewsroomRecruits } from './recruits-page';
import { NewsroomRequest, NewsroomSessionGuard } from './newsroom-session';

@ApiExcludeController()
@MinRole('writer')
@UseGuards(NewsroomSessionGuard)
@Controller('newsroom')
export class DashboardController {
  constructor(
    private readonly dashboard: NewsroomDashboard,
    private readonly pages: NewsroomPages,
    private readonly csrf: CsrfService,
    private readonly recruits: NewsroomRecruits,
  ) {}

  @Get()
  async show(@Req() req: NewsroomRequest, @Res({ passthrough: true }) res: Response): Promise<string> {
    res.type('html');
    return this.pages.render('dashboard', {
      title: 'Dashboard',
      section: 'dashboard',
      editor: req.editor,
      csrfToken: this.csrf.token(req, res),
      newsletters: await this.dashboard.build(),
      topRecruits: await this.recruits.topOfWeek(),
    });
  }
}
