import { createHash } from 'node:crypto';
import type { Response } from 'express';

const MAX_AGE_SECONDS = 300;

/**
 * The web version shows article images from wherever the newsroom keeps them, and MJML's inline
 * styles; it runs no script. Only this page gets it: the reader pages keep `img-src 'self' data:`.
 */
export const WEB_VERSION_CSP = "default-src 'none'; img-src https: data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

function strongEtag(body: string): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;
}

/**
 * Marks an archive page public for a few minutes, with a strong ETag of exactly what is sent:
 * Express's res.send keeps an ETag already set and answers 304 to a matching If-None-Match.
 */
export function cacheable(res: Response, html: string): string {
  res.type('html').set({ 'Cache-Control': `public, max-age=${MAX_AGE_SECONDS}`, ETag: strongEtag(html) });
  return html;
}
