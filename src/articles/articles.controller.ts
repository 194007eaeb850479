import { Body, Controller, Get, Post, Query, Res, UseGuards } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Response } from 'express';
import { jsonValidationPipe } from '../common/field-errors';
import { EditorAuthGuard } from '../editors/editor-auth.guard';
import { ArticlesService } from './articles.service';
import { ArticleDto, ArticlePage, ArticlesQueryDto, ArticleView } from './dtos/article.dto';

@ApiTags('editors')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'No editor token, or an unknown one' })
@UseGuards(EditorAuthGuard)
@Controller('api/articles')
export class ArticlesController {
  constructor(private readonly articles: ArticlesService) {}

  @Post()
  @ApiOperation({ summary: 'Add an article, or update the one with the same URL' })
  @ApiCreatedResponse({ type: ArticleView, description: 'Created' })
  @ApiOkResponse({ type: ArticleView, description: 'Updated (or already as sent)' })
  @ApiBadRequestResponse({ schema: { example: { errors: [{ field: 'url', message: 'url must be an absolute http(s) URL of at most 2048 characters' }] } } })
  async upsert(@Body(jsonValidationPipe) body: ArticleDto, @Res({ passthrough: true }) res: Response): Promise<ArticleView> {
    const { outcome, article } = await this.articles.upsert({ ...body, publishedAt: new Date(body.publishedAt) });
    res.status(outcome === 'created' ? 201 : 200);
    return article;
  }

  @Get()
  @ApiOperation({ summary: 'Articles published since a time, newest first, a page at a time' })
  @ApiOkResponse({ type: ArticlePage })
  @ApiBadRequestResponse({ schema: { example: { errors: [{ field: 'since', message: 'since must be an ISO 8601 date, like 2023-03-01 or 2023-03-01T06:00:00Z' }] } } })
  list(@Query(jsonValidationPipe) query: ArticlesQueryDto): Promise<ArticlePage> {
    return this.articles.page(query.since ? new Date(query.since) : new Date(0), query.limit ?? 50, query.cursor);
  }
}
