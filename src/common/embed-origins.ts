/**
 * Whether a browser's Origin (or a Referer's origin) is one EMBED_ORIGINS allows. An entry is an
 * exact origin, or `scheme://*.domain[:port]`, which matches any subdomain of that domain (not the
 * domain itself) with the same scheme and port.
 */
export function allowedOrigin(origin: string | null | undefined, allowed: readonly string[]): boolean {
  if (!origin || allowed.length === 0) return false;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.origin === 'null') return false;
  return allowed.some((entry) => {
    if (!entry.includes('*')) return entry === url.origin;
    const wildcard = /^(https?):\/\/\*\.([^:/]+)(?::(\d+))?$/.exec(entry);
    if (!wildcard) return false;
    const [, scheme, domain, port] = wildcard;
    return url.protocol === `${scheme}:` && url.port === (port ?? '') && url.hostname.endsWith(`.${domain}`);
  });
}

/** The origin a request came from: its Origin header, else its Referer's origin; null when neither says. */
export function requestOrigin(headers: { origin?: string | string[]; referer?: string | string[] }): string | null {
  // An opaque origin ("null") is an answer, and not an allowed one: the Referer is not asked then.
  if (typeof headers.origin === 'string') return headers.origin;
  if (typeof headers.referer !== 'string') return null;
  try {
    return new URL(headers.referer).origin;
  } catch {
    return null;
  }
}
