import type { Request } from 'express';
import type { SignupPage } from './signup-page';

/** Where a consent step came from: recorded with every ledger row. */
export interface RequestOrigin {
  /** The form's URL, `api`, or `one-click` for an RFC 8058 unsubscribe. */
  source: string;
  ip: string | null;
  userAgent: string | null;
  /** When the step was taken, when that was before it is recorded (a queued sign-up); now otherwise. */
  at?: Date | string;
  /** A sign-up's page (the article the box was on), kept in the consent evidence and counted per page. */
  page?: SignupPage | null;
}

/**
 * Where a consent step came from. `source` is the page the form was on when the browser says so
 * (the sign-up box can sit on any article), else the given fallback.
 */
export function originOf(req: Request, fallbackSource: string): RequestOrigin {
  const referer = req.get('referer');
  let source = fallbackSource;
  if (referer && fallbackSource !== 'api' && fallbackSource !== 'one-click') {
    try {
      const url = new URL(referer);
      if (url.protocol === 'https:' || url.protocol === 'http:') source = `${url.origin}${url.pathname}`;
    } catch {
      // an unparseable Referer is ignored
    }
  }
  return { source, ip: req.ip ?? null, userAgent: req.get('user-agent') ?? null };
}
