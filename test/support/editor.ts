import type { TestApp } from './app';

export const EDITOR_TOKEN = 'editor-token-for-tests-0123456789';

export interface ApiAnswer<T = any> {
  status: number;
  json: T;
  text: string;
  headers: Headers;
}

/** The editor API as an editor's script would call it: JSON over HTTP with a Bearer token. */
export function editorApi(t: TestApp, token: string | null = EDITOR_TOKEN, ip = '10.99.0.1') {
  async function call<T>(method: string, path: string, body?: unknown, retries = method === 'GET' ? 2 : 0): Promise<ApiAnswer<T>> {
    let response: Response;
    try {
      response = await send(method, path, body);
    } catch (error) {
      // A kept-alive connection the server closed just as it was reused (likelier on a starved
      // CPU): a script would ask again, and a GET may be asked again.
      const code = ((error as Error).cause as { code?: string } | undefined)?.code;
      if (retries > 0 && (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE')) return call<T>(method, path, body, retries - 1);
      throw error;
    }
    const text = await response.text();
    let json: T = undefined as T;
    try {
      json = JSON.parse(text) as T;
    } catch {
      // not JSON (the preview is HTML)
    }
    return { status: response.status, json, text, headers: response.headers };
  }
  function send(method: string, path: string, body?: unknown): Promise<Response> {
    return fetch(`${t.url}${path}`, {
      method,
      headers: {
        ...(token === null ? {} : { authorization: `Bearer ${token}` }),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        'x-forwarded-for': ip,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }
  return {
    get: <T = any>(path: string) => call<T>('GET', path),
    post: <T = any>(path: string, body?: unknown) => call<T>('POST', path, body),
    put: <T = any>(path: string, body?: unknown) => call<T>('PUT', path, body),
    patch: <T = any>(path: string, body?: unknown) => call<T>('PATCH', path, body),
    delete: <T = any>(path: string) => call<T>('DELETE', path),
    /** Polls an edition until its status is one of `statuses`. */
    async waitForEdition(id: number, statuses: string[], timeoutMs = 60_000): Promise<any> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const { json } = await call<any>('GET', `/api/editions/${id}`);
        if (statuses.includes(json?.status)) return json;
        if (Date.now() > deadline) throw new Error(`Edition ${id} is ${json?.status}, not ${statuses.join('/')}: ${JSON.stringify(json)}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
  };
}

export interface ArticleSeed {
  url: string;
  title: string;
  standfirst?: string;
  author?: string;
  section?: string;
  sponsored?: boolean;
  publishedAt?: string;
}

/** Articles written straight to the database, for tests that are about editions, not imports. */
export async function insertArticles(t: TestApp, articles: ArticleSeed[]): Promise<number[]> {
  const ids: number[] = [];
  for (const [index, a] of articles.entries()) {
    const published = a.publishedAt ?? new Date(Date.now() - (articles.length - index) * 60_000).toISOString();
    const [{ id }] = (
      await t.db.query<{ id: number }>(
        `INSERT INTO articles (url, title, standfirst, author, section, topics, sponsored, published_at, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, '[]', $6, $7, now(), now()) RETURNING id`,
        [a.url, a.title, a.standfirst ?? null, a.author ?? null, a.section ?? null, a.sponsored ?? false, published],
      )
    ).rows;
    ids.push(id);
  }
  return ids;
}
