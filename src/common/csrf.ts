import { Inject, Injectable, NestMiddleware } from '@nestjs/common';
import { doubleCsrf, DoubleCsrfUtilities } from 'csrf-csrf';
import type { NextFunction, Request, Response } from 'express';
import { AppConfig, appConfig } from '../config/config';
import { sessionCookie } from './session-cookie';

/**
 * Double-submit CSRF protection for the HTML forms. Not applied to the RFC 8058 one-click
 * unsubscribe (mail clients post it with no cookie), to application/json requests (a cross-site
 * form cannot send that type), nor to the editor API (Bearer tokens, no cookies), nor to the
 * providers' webhooks (each checks its own signature; SNS posts JSON as text/plain).
 * A reader's data and its erasure are the exception to the JSON rule: there, every POST needs
 * the form's token, whatever its type.
 */
function csrfExempt(req: Request): boolean {
  if (READER_DATA.test(req.path)) return false;
  return (
    req.is('application/json') === 'application/json' || req.path.startsWith('/api/') || req.path.startsWith('/webhooks/') || req.path === '/unsubscribe' || checkedByHandler(req)
  );
}

const READER_DATA = /^\/(preferences\/(data|delete)|my-data)(\/|\.|$)/;

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

  constructor(@Inject(appConfig.KEY) app: AppConfig) {
    const secure = app.publicUrl.startsWith('https://');
    this.csrf = doubleCsrf({
      getSecret: () => [app.secret, ...app.previousSecrets],
      // Readers have no session: the signed random cookie alone binds form and browser. An
      // editor's token is also bound to their newsroom session.
      getSessionIdentifier: (req) => sessionCookie(req) ?? '',
      cookieName: secure ? '__Host-nl.csrf' : 'nl.csrf',
      cookieOptions: { sameSite: 'strict', path: '/', secure, httpOnly: true },
      getCsrfTokenFromRequest: (req) => (req.body as Record<string, string> | undefined)?._csrf,
      skipCsrfProtection: csrfExempt,
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
