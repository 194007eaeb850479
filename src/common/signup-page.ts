/** The ways into a sign-up, as the recruits page counts them apart. */
export type SignupVia = 'script' | 'iframe' | 'form' | 'page' | 'api';

/** The page a sign-up came from: scheme, host and path only; its utm_* values apart; nothing else of its query. */
export interface SignupPage {
  url: string;
  utm: Record<string, string> | null;
  via: SignupVia;
}

const MAX_URL = 2048;
const UTM = /^utm_[a-z0-9_]{1,32}$/;

/**
 * Normalises a page's address for the counts: http(s) only, lower-case host, no port when it is
 * the scheme's own, no user, query or fragment, and no trailing slash but the root's. Only utm_*
 * parameters survive, kept apart (at most 8, each cut to 200 characters). Null for anything else.
 */
export function normalisePage(raw: unknown): { url: string; utm: Record<string, string> | null } | null {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > 4096) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  const path = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, '') : url.pathname;
  const page = `${url.protocol}//${url.host}${path}`;
  if (page.length > MAX_URL) return null;
  const utm: Record<string, string> = {};
  for (const [key, value] of url.searchParams) {
    const name = key.toLowerCase();
    if (UTM.test(name) && !(name in utm) && Object.keys(utm).length < 8) utm[name] = value.slice(0, 200);
  }
  return { url: page, utm: Object.keys(utm).length > 0 ? utm : null };
}
