import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { CsrfService } from '../common/csrf';
import { NotFoundError } from '../common/domain-errors';
import { Audited } from '../editors/audit.interceptor';
import { MinRole } from '../editors/editor-roles';
import { markdownToHtml } from '../mail/markdown';
import { Newsletter } from '../newsletters/newsletter.entity';
import { NewslettersService } from '../newsletters/newsletters.service';
import { NewsroomPages } from './newsroom-pages';
import { NewsroomRequest, NewsroomSessionGuard } from './newsroom-session';

const WELCOME_MAX = 2000;

/** A newsletter's settings: the welcome paragraph every new reader gets, in Markdown, with a preview. */
@ApiExcludeController()
@MinRole('admin')
@UseGuards(NewsroomSessionGuard)
@Controller('newsroom/newsletters')
export class NewsletterSettingsController {
  constructor(
    private readonly newsletters: NewslettersService,
    private readonly pages: NewsroomPages,
    private readonly csrf: CsrfService,
  ) {}

  @Get(':slug')
  async show(@Param('slug') slug: string, @Query('saved') saved: unknown, @Req() req: NewsroomRequest, @Res({ passthrough: true }) res: Response): Promise<string> {
    const newsletter = await this.newsletter(slug);
    const text = await this.newsletters.welcomeText(newsletter.id);
    return this.page(req, res, newsletter, text, { flash: saved === '1' ? 'Saved. New readers’ welcome emails say this from now on.' : undefined, preview: true });
  }

  /** "Preview" shows the page again with the text as readers would see it, saving nothing; "Save" stores it. */
  @Audited('newsletter.welcome')
  @Post(':slug/welcome')
  @HttpCode(200)
  async save(
    @Param('slug') slug: string,
    @Body() form: { welcomeText?: unknown; action?: unknown },
    @Req() req: NewsroomRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    const newsletter = await this.newsletter(slug);
    const text = typeof form.welcomeText === 'string' ? form.welcomeText.replace(/\r\n/g, '\n').trim() : '';
    if (text.length > WELCOME_MAX) {
      res.status(400);
      return this.page(req, res, newsletter, text, { error: `Welcome paragraph: at most ${WELCOME_MAX.toLocaleString('en-GB')} characters (this is ${text.length.toLocaleString('en-GB')})` });
    }
    if (form.action !== 'save') return this.page(req, res, newsletter, text, { preview: true, unsaved: true });
    await this.newsletters.setWelcomeText(newsletter.id, text);
    res.status(303).location(`/newsroom/newsletters/${encodeURIComponent(newsletter.slug)}?saved=1`);
    return '';
  }

  private async newsletter(slug: string): Promise<Newsletter> {
    const newsletter = await this.newsletters.bySlug(slug);
    if (!newsletter) throw new NotFoundError('No such newsletter');
    return newsletter;
  }

  private page(req: NewsroomRequest, res: Response, newsletter: Newsletter, text: string, view: { flash?: string; error?: string; preview?: boolean; unsaved?: boolean }): string {
    res.type('html');
    return this.pages.render('newsletter-settings', {
      title: `${newsletter.name}: settings`,
      section: 'schedules',
      editor: req.editor,
      csrfToken: this.csrf.token(req, res),
      newsletter,
      welcomeText: text,
      previewHtml: view.preview && text !== '' ? markdownToHtml(text) : null,
      ...view,
    });
  }
}
