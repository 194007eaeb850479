import { Inject, Injectable, NestMiddleware } from '@nestjs/common';
import { doubleCsrf, DoubleCsrfUtilities } from 'csrf-csrf';
import type { NextFunction, Request, Response } from 'express';
import { AppConfig, appConfig, EmbedConfig, embedConfig } from '../config/config';
import { allowedOrigin, requestOrigin } from './embed-origins';
import { sessionCookie } from './session-cookie';

/**
 * Double-submit CSRF protection for the HTML forms. Not applied to the RFC 8058 one-click
 * unsubscribe (mail clients post it with no cookie), to the readers' application/json requests (a
 * cross-site form cannot send that type, and readers have no session), nor to the editor API
 * (Bearer tokens, no cookies), nor to the providers' webhooks (each checks its own signature; SNS
 * posts JSON as text/plain). Every state-changing newsroom request needs the token, whatever its
 * type: a session cookie rides along on anything the browser sends. A reader's data and its
 * erasure are the same: there, every POST needs the form's token, whatever its type.
 */
function csrfExempt(req: Request, embedOrigins: readonly string[]): boolean {
  if (READER_DATA.test(req.path)) return false;
  if (req.path === '/newsroom' || req.path.startsWith('/newsroom/')) return checkedByHandler(req);
  return (
    req.is('application/json') === 'application/json' ||
    req.path.startsWith('/api/') ||
    req.path.startsWith('/webhooks/') ||
    req.path === '/unsubscribe' ||
    checkedByHandler(req) ||
    embeddedSignup(req, embedOrigins)
  );
}

const READER_DATA = /^\/(preferences\/(data|delete)|my-data)(\/|\.|$)/;

/**
 * The no-JavaScript sign-up form on an allowed site cannot carry our token: its post is taken when
 * the browser says it comes from EMBED_ORIGINS (Origin, or lacking that, Referer). It sets nothing
 * but a pending sign-up, as a typed address on the article page would.
 */
function embeddedSignup(req: Request, embedOrigins: readonly string[]): boolean {
  return req.path === '/subscribe' && req.method === 'POST' && allowedOrigin(requestOrigin(req.headers), embedOrigins);
}

/**
 * Multipart uploads: no body parser has read their fields when this middleware runs, so the
 * upload's own handler checks the token (`validRequest`) once it has, before using the file.
 */
const UPLOADS = new Set(['/newsroom/readers/import']);
function checkedByHandler(req: Request): boolean {
  return UPLOADS.has(req.path) && req.is('multipart/form-data') === 'multipart/form-data';
}

@Injectable()
export class CsrfService implements NestMiddleware {
  private readonly csrf: DoubleCsrfUtilities;

  constructor(@Inject(appConfig.KEY) app: AppConfig, @Inject(embedConfig.KEY) embed: EmbedConfig) {
    const secure = app.publicUrl.startsWith('https://');
    this.csrf = doubleCsrf({
      getSecret: () => [app.secret, ...app.previousSecrets],
      // Readers have no session: the signed random cookie alone binds form and browser. An
      // editor's token is also bound to their newsroom session.
      getSessionIdentifier: (req) => sessionCookie(req, secure) ?? '',
      cookieName: secure ? '__Host-nl.csrf' : 'nl.csrf',
      cookieOptions: { sameSite: 'strict', path: '/', secure, httpOnly: true },
      getCsrfTokenFromRequest: (req) => (req.body as Record<string, string> | undefined)?._csrf ?? req.get('x-csrf-token'),
      skipCsrfProtection: (req) => csrfExempt(req, embed.origins),
      errorConfig: { statusCode: 403, message: 'This form has expired. Go back, reload the page and try again.', code: 'EBADCSRFTOKEN' },
    });
  }

  token(req: Request, res: Response): string {
    return this.csrf.generateCsrfToken(req, res, { overwrite: false });
  }

  /** Whether a form's token is good, for a handler that reads its own body (a multipart upload). */
  validRequest(req: Request): boolean {
    return this.csrf.validateRequest(req);
  }

  use(req: Request, res: Response, next: NextFunction): void {
    this.csrf.doubleCsrfProtection(req, res, next);
  }
}
