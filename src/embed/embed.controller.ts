import { Controller, Get, Header, Inject, NotFoundException, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { allowedOrigin, requestOrigin } from '../common/embed-origins';
import { EmbedConfig, embedConfig } from '../config/config';
import { EmbedBox } from './embed-box';
import { SignupChallenge } from './signup-challenge';

/**
 * The sign-up box for other sites: the script, the page for an iframe, what the script renders
 * from, and the proof-of-work challenge. All of it is off (404) while EMBED_ORIGINS is empty,
 * but the script and challenge, which SIGNUP_CHALLENGE=on also needs on this service's own page.
 */
@ApiExcludeController()
@Controller()
export class EmbedController {
  constructor(
    @Inject(embedConfig.KEY) private readonly embed: EmbedConfig,
    private readonly box: EmbedBox,
    private readonly challenge: SignupChallenge,
  ) {}

  @Get('embed.js')
  script(@Req() req: Request, @Res() res: Response): void {
    this.needed(this.embed.ownPageChallenge);
    const script = this.box.script();
    // A host page loads it on every article: let caches keep it for a while, and compressed.
    res.setHeader('Cache-Control', 'public, max-age=300');
    res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
    res.type('application/javascript; charset=utf-8').vary('Accept-Encoding');
    if (/\bgzip\b/.test(req.get('accept-encoding') ?? '')) res.setHeader('Content-Encoding', 'gzip').send(script.gzip);
    else res.send(script.plain);
  }

  @Get('embed/form')
  // The same for every reader: a page view need not reach the service each time.
  @Header('Cache-Control', 'public, max-age=300')
  form() {
    this.needed(false);
    return this.box.form();
  }

  @Get('embed/challenge')
  @Header('Cache-Control', 'no-store')
  newChallenge() {
    this.needed(this.embed.ownPageChallenge);
    return this.challenge.create();
  }

  /**
   * The box as a page for an <iframe> on the allowed origins only: frame-ancestors names exactly
   * EMBED_ORIGINS, and no X-Frame-Options says otherwise. The page tells its height only to the
   * host page's origin, read from the Referer and checked against the same list.
   */
  @Get('embed')
  async page(@Query() query: Record<string, unknown>, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<string> {
    this.needed(false);
    res.removeHeader('X-Frame-Options');
    res.setHeader(
      'Content-Security-Policy',
      `default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'self'; object-src 'none'; frame-ancestors ${this.embed.origins.join(' ')}`,
    );
    const host = requestOrigin({ referer: req.get('referer') });
    res.type('html');
    return this.box.framePage({
      newsletters: typeof query.newsletters === 'string' ? query.newsletters : '',
      sectors: query.sectors === 'off' ? 'off' : 'on',
      articleUrl: typeof query.article === 'string' ? query.article : '',
      parentOrigin: allowedOrigin(host, this.embed.origins) ? host : null,
    });
  }

  /** The embed is on when EMBED_ORIGINS names a host, or (for the script and challenge) when this also serves another use. */
  private needed(alsoWhen: boolean): void {
    if (this.embed.origins.length === 0 && !alsoWhen) throw new NotFoundException();
  }
}
