import { HTMLElement, parse } from 'node-html-parser';

export interface Page {
  status: number;
  url: string;
  /** Where the server sent the browser before this page (303 after a form post), in order. */
  redirectedFrom: Array<{ status: number; url: string }>;
  headers: Headers;
  body: string;
  dom: HTMLElement;
  /** Visible text, whitespace folded, for assertions about what a reader sees. */
  text: string;
}

type Fields = Record<string, string | string[]>;

/**
 * A reader's browser, minus JavaScript: it keeps cookies, reads pages, and submits the forms it
 * finds with the values a person would leave in them. Each reader has its own client address.
 */
export class Reader {
  private readonly cookies = new Map<string, string>();
  /** What this browser says it is, on every request. */
  userAgent = 'ReaderTest/1.0';

  constructor(
    private readonly base: string,
    readonly ip: string,
  ) {}

  /** The cookies this browser would send, for a request made by hand. */
  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async get(url: string): Promise<Page> {
    return this.request('GET', url);
  }

  async postForm(url: string, fields: Fields, headers: Record<string, string> = {}): Promise<Page> {
    const body = new URLSearchParams();
    for (const [name, value] of Object.entries(fields)) for (const v of [value].flat()) body.append(name, v);
    return this.request('POST', url, body.toString(), { 'content-type': 'application/x-www-form-urlencoded', ...headers });
  }

  async postJson(url: string, json: unknown, headers: Record<string, string> = {}): Promise<Page & { json: unknown }> {
    const page = await this.request('POST', url, typeof json === 'string' ? json : JSON.stringify(json), {
      'content-type': 'application/json',
      accept: 'application/json',
      ...headers,
    });
    let parsed: unknown;
    try {
      parsed = JSON.parse(page.body);
    } catch {
      parsed = undefined;
    }
    return { ...page, json: parsed };
  }

  /**
   * Submits a form on the page as a person would: every field keeps what the page put in it,
   * except `fields`, which the reader changed. For checkboxes, `fields` lists the ticked values.
   */
  async submit(page: Page, fields: Fields = {}, options: { form?: string; button?: string } = {}): Promise<Page> {
    const form = page.dom.querySelector(options.form ?? 'form');
    if (!form) throw new Error(`No form on ${page.url}`);
    const values: Fields = {};
    const add = (name: string, value: string) => {
      values[name] = name in values ? [...[values[name]].flat(), value] : value;
    };
    for (const input of form.querySelectorAll('input')) {
      const name = input.getAttribute('name');
      if (!name || name in fields) continue;
      const type = input.getAttribute('type') ?? 'text';
      if (type === 'checkbox' || type === 'radio') {
        if (input.hasAttribute('checked')) add(name, input.getAttribute('value') ?? 'on');
      } else if (type !== 'submit') {
        add(name, input.getAttribute('value') ?? '');
      }
    }
    for (const select of form.querySelectorAll('select')) {
      const name = select.getAttribute('name');
      if (!name || name in fields) continue;
      const chosen = select.querySelector('option[selected]') ?? select.querySelector('option');
      add(name, chosen?.getAttribute('value') ?? '');
    }
    Object.assign(values, fields);
    if (options.button) {
      const button = form.querySelector(options.button);
      if (!button) throw new Error(`No button ${options.button} in the form on ${page.url}`);
      const name = button.getAttribute('name');
      if (name) values[name] = button.getAttribute('value') ?? '';
    }
    const action = new URL(form.getAttribute('action') ?? page.url, page.url).toString();
    return this.postForm(action, values);
  }

  /** Like a browser: a redirect is followed with a GET (at most five), keeping cookies. */
  private async request(method: string, url: string, body?: string, headers: Record<string, string> = {}): Promise<Page> {
    const redirectedFrom: Page['redirectedFrom'] = [];
    let page = await this.fetchPage(method, url, body, headers);
    while ([301, 302, 303, 307, 308].includes(page.status) && redirectedFrom.length < 5) {
      redirectedFrom.push({ status: page.status, url: page.url });
      page = await this.fetchPage('GET', new URL(page.headers.get('location')!, page.url).toString());
    }
    return { ...page, redirectedFrom };
  }

  private async fetchPage(method: string, url: string, body?: string, headers: Record<string, string> = {}): Promise<Omit<Page, 'redirectedFrom'>> {
    const target = new URL(url, this.base).toString();
    const response = await fetch(target, {
      method,
      body,
      redirect: 'manual',
      headers: {
        'x-forwarded-for': this.ip,
        'user-agent': this.userAgent,
        ...(this.cookies.size > 0 ? { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } : {}),
        ...headers,
      },
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const at = pair.indexOf('=');
      this.cookies.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
    }
    const text = await response.text();
    const dom = parse(text);
    return {
      status: response.status,
      url: target,
      headers: response.headers,
      body: text,
      dom,
      text: (dom.querySelector('main') ?? dom).textContent.replace(/\s+/g, ' ').trim(),
    };
  }
}

/** The href of the first link in an HTML document whose text or URL matches. */
export function linkIn(html: string, match: RegExp): string {
  const link = parse(html)
    .querySelectorAll('a')
    .find((a) => match.test(a.textContent) || match.test(a.getAttribute('href') ?? ''));
  if (!link) throw new Error(`No link matching ${match}`);
  return link.getAttribute('href')!;
}
