import type { NextFunction, Request, Response } from 'express';
import { allowedOrigin } from '../common/embed-origins';

/** The paths the embed's script calls from the host page: nothing else answers another origin. */
const PATHS = new Set(['/subscribe', '/embed/form', '/embed/challenge']);

/**
 * CORS for the sign-up box's script, for EMBED_ORIGINS only and without credentials: an allowed
 * origin is named back, any other gets no CORS header at all, so its browser keeps the answer from it.
 */
export function embedCors(origins: readonly string[]) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (!PATHS.has(req.path)) return next();
    const origin = req.get('origin');
    res.vary('Origin');
    if (!allowedOrigin(origin, origins)) return next();
    res.setHeader('Access-Control-Allow-Origin', origin!);
    if (req.method === 'OPTIONS') {
      res.setHeader('Access-Control-Allow-Methods', req.path === '/subscribe' ? 'POST' : 'GET');
      res.setHeader('Access-Control-Allow-Headers', 'Content-Type');
      res.setHeader('Access-Control-Max-Age', '600');
      res.status(204).end();
      return;
    }
    next();
  };
}
