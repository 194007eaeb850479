import { Controller, Get, NotFoundException, Param, Req, Res } from '@nestjs/common';
import { ApiFoundResponse, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ClicksService } from './clicks.service';

const NOT_A_LINK = 'This link is not one of ours, or it was changed on its way to you. Find the article at newstatesman.com.';

@ApiTags('readers')
@Controller('r')
export class RedirectController {
  constructor(private readonly clicks: ClicksService) {}

  /** GET and HEAD (Express answers HEAD with the GET route; the service counts it as discounted). */
  @Get(':code')
  @ApiOperation({ summary: "A digest's article link: counts the click (per edition, article and segment; never per reader) and redirects to the article" })
  @ApiFoundResponse({ description: 'To the article, as it was when the edition was sent' })
  @ApiNotFoundResponse({ description: 'An altered or made-up code' })
  async follow(@Param('code') code: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const url = await this.clicks.redirect(code, { method: req.method, userAgent: req.headers['user-agent'], ip: req.ip });
    if (url === null) throw new NotFoundException(NOT_A_LINK);
    res.status(302).location(url).end();
  }
}
