import { Controller, Get, HttpCode, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CsrfService } from '../common/csrf';
import { ReaderPages } from './reader-pages';
import { ReadersService } from '../readers/readers.service';
import { LinksService } from '../tokens/links.service';
import { ReaderDataPages } from './reader-data-pages';
import { ReaderDataLinkKind, ReadersDataService } from '../readers-data/readers-data.service';

/**
 * "Download my data" and "Delete my data". The preference centre's token (in every copy of every
 * newsletter, for ever) only asks for a link: it goes to the reader's address and works for an
 * hour, and only that link shows the data or erases it. Every step that does something is a POST
 * with the form's CSRF token, JSON or not. A bad, forged, expired or erased reader's token gets the
 * usual "link does not work" page.
 */
@ApiExcludeController()
@Controller()
export class ReaderDataController {
  constructor(
    private readonly readers: ReadersService,
    private readonly readersData: ReadersDataService,
    private readonly pages: ReaderDataPages,
    private readonly readerPages: ReaderPages,
    private readonly csrf: CsrfService,
    private readonly links: LinksService,
  ) {}

  @Get('preferences/data')
  askForData(@Query('token') token: unknown, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<string> {
    return this.askPage('data-export', token, req, res);
  }

  @Post('preferences/data')
  @HttpCode(200)
  sendDataLink(@Query('token') token: unknown, @Res({ passthrough: true }) res: Response): Promise<string> {
    return this.sendLink('data-export', token, res);
  }

  @Get('preferences/delete')
  askForErasure(@Query('token') token: unknown, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<string> {
    return this.askPage('erasure', token, req, res);
  }

  @Post('preferences/delete')
  @HttpCode(200)
  sendErasureLink(@Query('token') token: unknown, @Res({ passthrough: true }) res: Response): Promise<string> {
    return this.sendLink('erasure', token, res);
  }

  @Get('my-data')
  async dataPage(@Query('token') token: unknown, @Res({ passthrough: true }) res: Response): Promise<string> {
    const found = await this.dataFor(token, res);
    if (!found) return this.invalid(res);
    res.type('html');
    return this.pages.data(found.data, token as string, this.links.preferencesUrl(found.publicId));
  }

  @Get('my-data/data.json')
  async dataFile(@Query('token') token: unknown, @Res({ passthrough: true }) res: Response): Promise<string> {
    const found = await this.dataFor(token, res);
    if (!found) return this.invalid(res);
    res.type('json').attachment('new-statesman-newsletters-my-data.json');
    return JSON.stringify(found.data, null, 2);
  }

  @Get('my-data/delete')
  async confirmErasure(@Query('token') token: unknown, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<string> {
    const subscriberId = await this.readersData.readerOfEmailedLink(token, 'erasure');
    const reader = subscriberId === null ? null : await this.readers.readerState(subscriberId);
    if (!reader) return this.invalid(res);
    res.type('html');
    return this.pages.confirmErasure(token as string, reader.email, this.csrf.token(req, res), this.links.preferencesUrl(reader.publicId));
  }

  @Post('my-data/delete')
  @HttpCode(200)
  async erase(@Query('token') token: unknown, @Res({ passthrough: true }) res: Response): Promise<string> {
    const subscriberId = await this.readersData.readerOfEmailedLink(token, 'erasure');
    if (subscriberId === null || !(await this.readersData.erase(subscriberId, { by: 'reader', source: this.links.url('/my-data/delete') })))
      return this.invalid(res);
    res.type('html');
    return this.pages.erased();
  }

  private async askPage(kind: ReaderDataLinkKind, token: unknown, req: Request, res: Response): Promise<string> {
    const reader = await this.readers.readerByPreferencesToken(token);
    if (!reader) return this.invalid(res);
    res.type('html');
    return this.pages.askByEmail(kind, token as string, reader.email, this.csrf.token(req, res));
  }

  private async sendLink(kind: ReaderDataLinkKind, token: unknown, res: Response): Promise<string> {
    const reader = await this.readers.readerByPreferencesToken(token);
    if (!reader) return this.invalid(res);
    const sent = await this.readersData.requestByEmail(reader.subscriberId, kind);
    res.type('html');
    return this.pages.linkSent(kind, reader.email, sent, token as string);
  }

  private async dataFor(token: unknown, res: Response) {
    // Personal data: never kept by a browser's or a proxy's cache.
    res.set('Cache-Control', 'no-store');
    const subscriberId = await this.readersData.readerOfEmailedLink(token, 'data-export');
    const reader = subscriberId === null ? null : await this.readers.readerState(subscriberId);
    const data = reader && (await this.readersData.export(reader.subscriberId));
    return data && reader ? { data, publicId: reader.publicId } : null;
  }

  private invalid(res: Response): string {
    res.status(400).type('html');
    return this.readerPages.invalidLink();
  }
}
