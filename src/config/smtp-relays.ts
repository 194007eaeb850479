import { ConfigError, parseList, shown } from './validate-env';

/** One SMTP relay: where it is, how many connections it gets, and its own rate (0: no limit). */
export interface SmtpRelay {
  /** host:port, never the credentials: what the deliveries and the report record. */
  name: string;
  url: string;
  poolSize: number;
  perSecond: number;
}

function whole(raw: string | null, fallback: number, min: number, max: number): number | null {
  if (raw === null) return fallback;
  if (!/^\d+$/.test(raw)) return null;
  const value = Number(raw);
  return value >= min && value <= max ? value : null;
}

/**
 * SMTP_URLS: relays in order of preference, comma-separated, each an smtp(s):// URL whose own
 * `pool` and `rate` parameters (taken off before nodemailer sees the URL) set its connections
 * and messages per second. Without it, SMTP_URL is the one relay, as before.
 */
export function smtpRelays(env: { SMTP_URL?: string; SMTP_URLS?: string; SMTP_POOL_SIZE: number }): SmtpRelay[] {
  if (env.SMTP_URL && env.SMTP_URLS) throw new ConfigError('Invalid configuration: set SMTP_URL (one relay) or SMTP_URLS (relays in order), not both');
  if (!env.SMTP_URLS) return env.SMTP_URL ? [{ name: relayName(new URL(env.SMTP_URL)), url: env.SMTP_URL, poolSize: env.SMTP_POOL_SIZE, perSecond: 0 }] : [];
  const relays = parseList(env.SMTP_URLS).map((raw) => {
    const problem = (why: string) => new ConfigError(`Invalid configuration: SMTP_URLS ${why} (got ${shown('SMTP_URLS', raw)})`);
    if (!/^smtps?:\/\/[^\s/?#]/i.test(raw) || !URL.canParse(raw)) throw problem('must hold smtp:// or smtps:// URLs, comma-separated');
    const url = new URL(raw);
    const poolSize = whole(url.searchParams.get('pool'), env.SMTP_POOL_SIZE, 1, 100);
    if (poolSize === null) throw problem("gives a relay's pool as ?pool=<1 to 100>");
    const perSecond = whole(url.searchParams.get('rate'), 0, 0, 100_000);
    if (perSecond === null) throw problem("gives a relay's messages per second as ?rate=<0 to 100000> (0: no limit)");
    url.searchParams.delete('pool');
    url.searchParams.delete('rate');
    return { name: relayName(url), url: url.toString(), poolSize, perSecond };
  });
  const names = relays.map((relay) => relay.name);
  const twice = names.find((name, i) => names.indexOf(name) !== i);
  if (twice) throw new ConfigError(`Invalid configuration: SMTP_URLS names the relay ${twice} twice`);
  return relays;
}

function relayName(url: URL): string {
  return `${url.hostname}:${url.port || (url.protocol === 'smtps:' ? '465' : '25')}`;
}
