import type { NextFunction, Request, Response } from 'express';
import { ClicksService } from './clicks.service';

const CODE_PATH = /^\/([A-Za-z0-9_-]{1,64})\/?(?:\?.*)?$/;

/**
 * `/r/<code>` ahead of the page middleware: after a send, readers follow these links by the
 * thousand a minute, and a 302 needs none of what a page does (security headers for HTML, cookies,
 * body parsing, a request log line: a click leaves no log line, its count is its only record).
 * Mounted at REDIRECT_PATH. A genuine code is answered here; anything else (a tampered code, another
 * method) goes on to RedirectController through the whole stack, which answers the 404 page.
 */
export function clickRedirect(clicks: ClicksService, options: { https: boolean }) {
  const headers: Record<string, string> = {
    'Cache-Control': 'no-store',
    'Referrer-Policy': 'no-referrer',
    'X-Content-Type-Options': 'nosniff',
    'Content-Length': '0',
    ...(options.https ? { 'Strict-Transport-Security': 'max-age=31536000; includeSubDomains' } : {}),
  };
  const answer = (res: Response, location: string): void => {
    res.writeHead(302, { ...headers, Location: location });
    res.end();
  };
  return (req: Request, res: Response, next: NextFunction): void => {
    const code = req.method === 'GET' || req.method === 'HEAD' ? CODE_PATH.exec(req.url)?.[1] : undefined;
    if (code === undefined) return next();
    let location: string | null | Promise<string | null>;
    try {
      location = clicks.redirect(code, { method: req.method, userAgent: req.headers['user-agent'], ip: req.ip });
    } catch (error) {
      return next(error);
    }
    if (typeof location === 'string') return answer(res, location);
    if (location === null) return next();
    location.then((found) => (found === null ? next() : answer(res, found)), next);
  };
}
