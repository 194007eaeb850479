import { isHttpUrl } from '../article-fields';

const FEED_TIMEOUT_MS = 10_000;
const FEED_MAX_BYTES = 5 * 1024 * 1024;

/** The feed could not be fetched; the message says why, for a log line. */
export class FeedFetchError extends Error {}

export interface FetchedFeed {
  /** Where the body came from after redirects: relative links resolve against it. */
  url: string;
  body: string;
}

/** The charset named by the Content-Type header, else by the XML declaration, else UTF-8. */
function charsetOf(contentType: string | null, head: Uint8Array): string {
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
  const err = error as Error & { cause?: { code?: string; message?: string } };
  if (err.name === 'TimeoutError' || err.name === 'AbortError') return `no answer within ${timeoutMs / 1000} s`;
  // fetch says only "fetch failed"; the cause has the reason ("connect ECONNREFUSED 127.0.0.1:9").
  return err.cause?.message || err.cause?.code || err.message;
}

/**
 * GETs a feed: http(s) only, at most `maxBytes` (counted as the body arrives, whatever the
 * Content-Length says), and all of it within `timeoutMs`.
 */
export async function fetchFeed(url: string, options: { timeoutMs?: number; maxBytes?: number } = {}): Promise<FetchedFeed> {
  const timeoutMs = options.timeoutMs ?? FEED_TIMEOUT_MS;
  const maxBytes = options.maxBytes ?? FEED_MAX_BYTES;
  if (!isHttpUrl(url)) throw new FeedFetchError('not an http(s) URL');
  const tooBig = `the feed is larger than ${Math.round(maxBytes / 1024 / 1024)} MB`;

  try {
    const response = await fetch(url, {
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'follow',
      headers: {
        accept: 'application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1',
        'user-agent': 'NewStatesmanNewsletters/1.0 (feed import)',
      },
    });
    if (!response.ok) {
      await response.body?.cancel();
      throw new FeedFetchError(`HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`);
    }
    if (Number(response.headers.get('content-length')) > maxBytes) {
      await response.body?.cancel();
      throw new FeedFetchError(tooBig);
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    if (response.body) {
      const reader = response.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        size += value.byteLength;
        if (size > maxBytes) {
          await reader.cancel();
          throw new FeedFetchError(tooBig);
        }
        chunks.push(value);
      }
    }
    const bytes = Buffer.concat(chunks);
    return { url: response.url || url, body: decode(bytes, charsetOf(response.headers.get('content-type'), bytes)) };
  } catch (error) {
    if (error instanceof FeedFetchError) throw error;
    throw new FeedFetchError(reasonOf(error, timeoutMs));
  }
}
