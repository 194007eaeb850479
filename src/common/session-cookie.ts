import type { Request } from 'express';

/** The newsroom's session cookie: `__Host-` (Secure, no Domain) over https, where browsers allow it. */
export const sessionCookieName = (https: boolean) => (https ? '__Host-nl.newsroom' : 'nl.newsroom');

export function sessionCookie(req: Request): string | undefined {
  const cookies = (req.cookies ?? {}) as Record<string, string | undefined>;
  return cookies[sessionCookieName(true)] ?? cookies[sessionCookieName(false)];
}
