import { lookup as dnsLookup } from 'node:dns/promises';
import { IncomingMessage, request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, LookupFunction } from 'node:net';
import { Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { isHttpUrl } from '../article-fields';
import { addressKind } from './public-address';

const FEED_TIMEOUT_MS = 10_000;
const FEED_MAX_BYTES = 5 * 1024 * 1024;
const MAX_REDIRECTS = 5;

/** The feed could not be fetched; the message says why, for a log line. */
export class FeedFetchError extends Error {}

export interface FetchedFeed {
  /** Where the body came from after redirects: relative links resolve against it. */
  url: string;
  body: string;
}

export interface FetchFeedOptions {
  timeoutMs?: number;
  maxBytes?: number;
  /**
   * Whether an address may be fetched from. Default: public addresses only (`addressKind`);
   * FEED_ALLOW_PRIVATE=true passes `() => true`.
   */
  addressAllowed?: (address: string) => boolean;
  /** How host names are resolved: all of a name's addresses (the system resolver by default). */
  resolve?: (hostname: string) => Promise<Array<{ address: string; family: number }>>;
}

const publicOnly = (address: string) => addressKind(address) === null;
const systemResolve = (hostname: string) => dnsLookup(hostname, { all: true, verbatim: true });

/** The charset named by the Content-Type header, else by the XML declaration, else UTF-8. */
function charsetOf(contentType: string | undefined, head: Uint8Array): string {
  const declared = /charset="?([\w.:-]+)/i.exec(contentType ?? '')?.[1];
  if (declared) return declared;
  const prolog = Buffer.from(head.subarray(0, 200)).toString('latin1');
  return /^(\uFEFF|\xEF\xBB\xBF)?<\?xml[^>]*encoding=["']([\w.:-]+)["']/.exec(prolog)?.[2] ?? 'utf-8';
}

function decode(bytes: Uint8Array, charset: string): string {
  try {
    return new TextDecoder(charset).decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

function reasonOf(error: unknown, timeoutMs: number): string {
  const err = error as NodeJS.ErrnoException;
  if (err.name === 'TimeoutError' || err.name === 'AbortError') return `no answer within ${timeoutMs / 1000} s`;
  // "connect ECONNREFUSED 127.0.0.1:9", "getaddrinfo ENOTFOUND feeds.example": the system's words.
  return err.message || err.code || 'the connection failed';
}

/**
 * The one address a request for `url` will connect to, checked: an IP literal as it is; a name
 * resolved once, every address it has checked (a name that also points inward is refused whole),
 * and the first used. `hop` says whether this is the feed's own URL or a redirect, for the reason.
 */
async function checkedAddress(url: URL, hop: number, options: Required<Pick<FetchFeedOptions, 'addressAllowed' | 'resolve'>>): Promise<{ address: string; family: number }> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const where = hop === 0 ? 'the feed’s address' : `a redirect (the ${ordinal(hop)})`;
  let addresses: Array<{ address: string; family: number }>;
  if (isIP(host)) addresses = [{ address: host, family: isIP(host) }];
  else {
    try {
      addresses = await options.resolve(host);
    } catch (error) {
      throw new FeedFetchError(`${where} could not be resolved (${(error as NodeJS.ErrnoException).code ?? 'no answer'})`);
    }
    if (addresses.length === 0) throw new FeedFetchError(`${where} could not be resolved (no addresses)`);
  }
  const refused = addresses.find(({ address }) => !options.addressAllowed(address));
  if (refused) {
    const kind = addressKind(refused.address) ?? 'refused';
    throw new FeedFetchError(`${where} leads to a ${kind} address, which feeds may not reach: not fetched (FEED_ALLOW_PRIVATE=true allows it in development)`);
  }
  return addresses[0];
}

const ordinal = (n: number) => (n === 1 ? 'first' : n === 2 ? 'second' : n === 3 ? 'third' : `${n}th`);

/** One GET, connected to `pinned` whatever the name resolves to now (no second lookup to rebind). */
function get(url: URL, pinned: { address: string; family: number }, signal: AbortSignal): Promise<IncomingMessage> {
  const lookup: LookupFunction = (_hostname, options, callback) => {
    if (options.all) (callback as (err: null, addresses: Array<{ address: string; family: number }>) => void)(null, [pinned]);
    else callback(null, pinned.address, pinned.family);
  };
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method: 'GET',
      signal,
      lookup,
      headers: {
        accept: 'application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1',
        'accept-encoding': 'gzip, deflate, br',
        'user-agent': 'NewStatesmanNewsletters/1.0 (feed import)',
      },
    });
    req.once('response', resolve);
    req.once('error', reject);
    req.end();
  });
}

function bodyOf(response: IncomingMessage): Readable {
  switch ((response.headers['content-encoding'] ?? '').trim().toLowerCase()) {
    case 'gzip':
    case 'x-gzip':
      return response.pipe(createGunzip());
    case 'deflate':
      return response.pipe(createInflate());
    case 'br':
      return response.pipe(createBrotliDecompress());
    default:
      return response;
  }
}

/**
 * GETs a feed: http(s) only, at most `maxBytes` (counted as the body arrives, whatever the
 * Content-Length says), all of it within `timeoutMs`, and only from addresses `addressAllowed`
 * admits, for the feed's URL and for each redirect (at most 5) alike. Each host name is resolved
 * once and the connection made to the address that was checked, so a name cannot pass the check
 * and then point somewhere else (DNS rebinding). A refused address is never connected to, so
 * nothing of what it would answer can reach a log or a summary.
 */
export async function fetchFeed(url: string, options: FetchFeedOptions = {}): Promise<FetchedFeed> {
  const timeoutMs = options.timeoutMs ?? FEED_TIMEOUT_MS;
  const maxBytes = options.maxBytes ?? FEED_MAX_BYTES;
  const policy = { addressAllowed: options.addressAllowed ?? publicOnly, resolve: options.resolve ?? systemResolve };
  if (!isHttpUrl(url)) throw new FeedFetchError('not an http(s) URL');
  const tooBig = `the feed is larger than ${Math.round(maxBytes / 1024 / 1024)} MB`;
  const signal = AbortSignal.timeout(timeoutMs);

  let current = new URL(url);
  try {
    for (let hop = 0; ; hop += 1) {
      const response = await get(current, await checkedAddress(current, hop, policy), signal);
      const status = response.statusCode ?? 0;
      if (status >= 300 && status < 400 && response.headers.location !== undefined) {
        response.resume();
        if (hop >= MAX_REDIRECTS) throw new FeedFetchError(`more than ${MAX_REDIRECTS} redirects`);
        let next: URL;
        try {
          next = new URL(response.headers.location, current);
        } catch {
          throw new FeedFetchError('a redirect to something that is not a URL');
        }
        if (!isHttpUrl(next.href)) throw new FeedFetchError('a redirect to something that is not an http(s) URL: not followed');
        current = next;
        continue;
      }
      if (status < 200 || status >= 300) {
        response.resume();
        throw new FeedFetchError(`HTTP ${status}${response.statusMessage ? ` ${response.statusMessage}` : ''}`);
      }
      if (Number(response.headers['content-length']) > maxBytes) {
        response.destroy();
        throw new FeedFetchError(tooBig);
      }
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of bodyOf(response) as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size > maxBytes) {
          response.destroy();
          throw new FeedFetchError(tooBig);
        }
        chunks.push(chunk);
      }
      const bytes = Buffer.concat(chunks);
      return { url: current.href, body: decode(bytes, charsetOf(response.headers['content-type'], bytes)) };
    }
  } catch (error) {
    if (error instanceof FeedFetchError) throw error;
    throw new FeedFetchError(reasonOf(signal.aborted ? signal.reason : error, timeoutMs));
  }
}
