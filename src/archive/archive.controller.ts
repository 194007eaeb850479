import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ArchiveService } from './archive.service';
import { cacheable, WEB_VERSION_CSP } from './archive-headers';

/** The public archive: pages anyone may read, cache and share. */
@ApiTags('archive')
@ApiProduces('text/html')
@Controller('archive')
export class ArchiveController {
  constructor(private readonly archive: ArchiveService) {}

  @Get()
  @ApiOperation({ summary: 'The newsletters, each linking to its past editions' })
  async newsletters(@Res({ passthrough: true }) res: Response): Promise<string> {
    return cacheable(res, await this.archive.newslettersPage());
  }

  @Get(':newsletter')
  @ApiOperation({ summary: "A newsletter's sent editions, newest first, 20 a page" })
  @ApiQuery({ name: 'before', required: false, description: 'The id of the last edition on the newer page (the "Older editions" link)' })
  @ApiNotFoundResponse({ description: 'No such newsletter' })
  async editions(@Param('newsletter') slug: string, @Query('before') before: string | undefined, @Res({ passthrough: true }) res: Response): Promise<string> {
    return cacheable(res, await this.archive.editionsPage(slug, before));
  }

  @Get(':newsletter/:editionId')
  @ApiOperation({ summary: "An edition's web version, as stored when its send started, with no reader's links" })
  @ApiOkResponse({ description: 'The edition, with its title, description and Open Graph tags' })
  @ApiNotFoundResponse({ description: 'Not sent, kept out of the archive, or of another newsletter' })
  async edition(@Param('newsletter') slug: string, @Param('editionId') editionId: string, @Res({ passthrough: true }) res: Response): Promise<string> {
    const html = await this.archive.webVersion(slug, editionId);
    res.set('Content-Security-Policy', WEB_VERSION_CSP);
    return cacheable(res, html);
  }
}
