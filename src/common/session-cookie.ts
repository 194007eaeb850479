import type { Request } from 'express';

/** The newsroom's session cookie: `__Host-` (Secure, no Domain) over https, where browsers allow it. */
export const sessionCookieName = (https: boolean) => (https ? '__Host-nl.newsroom' : 'nl.newsroom');

/**
 * The session cookie's value. Over https only the `__Host-` cookie counts: an unprefixed one could
 * have been planted by a sibling subdomain (a login CSRF), and sign-out could not clear it.
 */
export function sessionCookie(req: Request, https: boolean): string | undefined {
  const cookies = (req.cookies ?? {}) as Record<string, string | undefined>;
  return cookies[sessionCookieName(https)];
}
