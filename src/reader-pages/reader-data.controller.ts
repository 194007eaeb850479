import { Controller, Get, HttpCode, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CsrfService } from '../common/csrf';
import { ReaderPages } from './reader-pages';
import { ReadersService } from '../readers/readers.service';
import { LinksService } from '../tokens/links.service';
import { ReaderDataPages } from './reader-data-pages';
import { ReadersDataService } from '../readers-data/readers-data.service';

/**
 * "Download my data" and "Delete my data", reached from the preference centre with its link's
 * token. A bad, forged or erased reader's token gets the usual "link does not work" page.
 */
@ApiExcludeController()
@Controller('preferences')
export class ReaderDataController {
  constructor(
    private readonly readers: ReadersService,
    private readonly readersData: ReadersDataService,
    private readonly pages: ReaderDataPages,
    private readonly readerPages: ReaderPages,
    private readonly csrf: CsrfService,
    private readonly links: LinksService,
  ) {}

  @Get('data')
  async dataPage(@Query('token') token: unknown, @Res({ passthrough: true }) res: Response): Promise<string> {
    const data = await this.dataFor(token, res);
    if (!data) return this.invalid(res);
    res.type('html');
    return this.pages.data(data, token as string);
  }

  @Get('data.json')
  async dataFile(@Query('token') token: unknown, @Res({ passthrough: true }) res: Response): Promise<string> {
    const data = await this.dataFor(token, res);
    if (!data) return this.invalid(res);
    res.type('json').attachment('new-statesman-newsletters-my-data.json');
    return JSON.stringify(data, null, 2);
  }

  @Get('delete')
  async confirmErasure(@Query('token') token: unknown, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<string> {
    const reader = await this.readers.readerByPreferencesToken(token);
    if (!reader) return this.invalid(res);
    res.type('html');
    return this.pages.confirmErasure(token as string, reader.email, this.csrf.token(req, res));
  }

  @Post('delete')
  @HttpCode(200)
  async erase(@Query('token') token: unknown, @Res({ passthrough: true }) res: Response): Promise<string> {
    const reader = await this.readers.readerByPreferencesToken(token);
    if (!reader || !(await this.readersData.erase(reader.subscriberId, { by: 'reader', source: this.links.url('/preferences/delete') }))) return this.invalid(res);
    res.type('html');
    return this.pages.erased();
  }

  private async dataFor(token: unknown, res: Response) {
    // Personal data: never kept by a browser's or a proxy's cache.
    res.set('Cache-Control', 'no-store');
    const reader = await this.readers.readerByPreferencesToken(token);
    return reader && this.readersData.export(reader.subscriberId);
  }

  private invalid(res: Response): string {
    res.status(400).type('html');
    return this.readerPages.invalidLink();
  }
}
