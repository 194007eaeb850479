/** What an article may hold: the columns' sizes, shared by the API's checks and the feed importer. */
export const ARTICLE_LIMITS = {
  url: 2048,
  guid: 512,
  title: 500,
  standfirst: 5000,
  author: 200,
  section: 100,
  topics: 20,
  topic: 100,
} as const;

/** An absolute http(s) URL with a host: never `javascript:`, `data:`, or a relative path. */
export function isHttpUrl(value: unknown): value is string {
  if (typeof value !== 'string' || value.length > ARTICLE_LIMITS.url || /\s/.test(value)) return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}
