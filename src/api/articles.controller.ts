import { Body, Controller, Get, Post, Query, Res, UseGuards } from '@nestjs/common';
import { MinRole } from '../editors/editor-roles';
import { ApiBadRequestResponse, ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Response } from 'express';
import { FieldErrorsException, jsonValidationPipe } from '../common/field-errors';
import { NewslettersService } from '../newsletters/newsletters.service';
import { EditorAuthGuard } from '../editors/editor-auth.guard';
import { ArticlesService } from '../articles/articles.service';
import { ArticleDto, ArticlePage, ArticlesQueryDto, ArticleView } from '../articles/dtos/article.dto';

@ApiTags('editors')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'No editor token, or an unknown one' })
@MinRole('writer')
@UseGuards(EditorAuthGuard)
@Controller('api/articles')
export class ArticlesController {
  constructor(
    private readonly articles: ArticlesService,
    private readonly catalogue: NewslettersService,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Add an article, or update the one with the same URL' })
  @ApiCreatedResponse({ type: ArticleView, description: 'Created' })
  @ApiOkResponse({ type: ArticleView, description: 'Updated (or already as sent)' })
  @ApiBadRequestResponse({ schema: { example: { errors: [{ field: 'url', message: 'url must be an absolute http(s) URL of at most 2048 characters' }] } } })
  async upsert(@Body(jsonValidationPipe) body: ArticleDto, @Res({ passthrough: true }) res: Response): Promise<ArticleView> {
    const { targetSectors, ...fields } = body;
    const sectors = await this.catalogue.jobSectors();
    const unknown = (targetSectors ?? []).filter((slug) => !sectors.some((sector) => sector.slug === slug));
    if (unknown.length > 0) throw new FieldErrorsException([{ field: 'targetSectors', message: `Unknown job sectors: ${unknown.join(', ')}` }]);
    const targetSectorIds = targetSectors === undefined ? undefined : sectors.filter((sector) => (targetSectors ?? []).includes(sector.slug)).map((sector) => sector.id);
    const { outcome, article } = await this.articles.upsert({ ...fields, targetSectorIds, publishedAt: new Date(body.publishedAt) });
    res.status(outcome === 'created' ? 201 : 200);
    return this.forApi(article);
  }

  @Get()
  @ApiOperation({ summary: 'Articles published since a time, newest first, a page at a time' })
  @ApiOkResponse({ type: ArticlePage })
  @ApiBadRequestResponse({ schema: { example: { errors: [{ field: 'since', message: 'since must be an ISO 8601 date, like 2023-03-01 or 2023-03-01T06:00:00Z' }] } } })
  async list(@Query(jsonValidationPipe) query: ArticlesQueryDto): Promise<ArticlePage> {
    const page = await this.articles.page(query.since ? new Date(query.since) : new Date(0), query.limit ?? 50, query.cursor);
    return { ...page, articles: await Promise.all(page.articles.map((article) => this.forApi(article))) };
  }

  /** Target sectors by slug, as the API takes them. */
  private async forApi({ targetSectorIds, ...article }: ArticleView): Promise<ArticleView> {
    const sectors = await this.catalogue.jobSectors();
    return { ...article, targetSectors: sectors.filter((sector) => targetSectorIds.includes(sector.id)).map((sector) => sector.slug) } as ArticleView;
  }
}
