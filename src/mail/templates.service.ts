import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { Injectable } from '@nestjs/common';
import Handlebars from 'handlebars';
import { templatesDir } from '../config/paths';

export interface RenderedEmail {
  html: string;
  text: string;
}

export class TemplateError extends Error {}

/** Only http(s) links reach a reader; anything else (javascript:, data:, …) becomes no link. */
export function safeUrl(value: unknown): string {
  if (typeof value !== 'string') return '';
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : '';
  } catch {
    return '';
  }
}

/** Dates and times as the newsroom reads them: in its time zone (Europe/London), with the zone named. */
const NEWSROOM_TIME = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZone: 'Europe/London',
  timeZoneName: 'short',
});

function registerHelpers(env: typeof Handlebars): void {
  env.registerHelper('safeUrl', (value: unknown) => safeUrl(value));
  env.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  env.registerHelper('iso', (value: unknown) => (value instanceof Date || typeof value === 'string' ? new Date(value).toISOString() : ''));
  // The newsroom's clock: a 23:00 piece for a 06:00 newsletter must not read as "yesterday".
  env.registerHelper('dateTime', (value: unknown) => (value instanceof Date || typeof value === 'string' ? NEWSROOM_TIME.format(new Date(value)) : ''));
  env.registerHelper('date', (value: unknown) =>
    value instanceof Date || typeof value === 'string'
      ? new Date(value).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' })
      : '',
  );
}

function registerPartials(env: typeof Handlebars, dir: string, suffix: string): void {
  if (!existsSync(dir)) return;
  for (const file of readdirSync(dir).filter((name) => name.endsWith(suffix))) {
    env.registerPartial(basename(file, suffix), readFileSync(join(dir, file), 'utf8'));
  }
}

/**
 * Templates under templates/: server-rendered pages (Handlebars, HTML-escaped) and emails
 * (Handlebars filling MJML, with a plain-text twin). Every value is escaped on the way in, and
 * MJML runs with includes off and strict validation, so article text stays text.
 */
@Injectable()
export class TemplatesService {
  private readonly html = Handlebars.create();
  private readonly text = Handlebars.create();
  private readonly compiled = new Map<string, Handlebars.TemplateDelegate>();
  private readonly dir = templatesDir();

  constructor() {
    registerHelpers(this.html);
    registerHelpers(this.text);
    registerPartials(this.html, join(this.dir, 'pages', 'partials'), '.hbs');
    registerPartials(this.html, join(this.dir, 'email', 'partials'), '.mjml');
    registerPartials(this.text, join(this.dir, 'email', 'partials'), '.txt');
  }

  /** Whether a template exists, e.g. a newsletter's own digest design. */
  has(path: string): boolean {
    return existsSync(join(this.dir, path));
  }

  page(name: string, context: object): string {
    return this.template(this.html, `pages/${name}.hbs`)(context);
  }

  async email(name: string, context: object): Promise<RenderedEmail> {
    const source = this.template(this.html, `email/${name}.mjml`)(context);
    const text = this.template(this.text, `email/${name}.txt`, { noEscape: true })(context);
    try {
      // Loaded on first use: MJML weighs ~60 MB, and delivery workers never render.
      const { default: mjml2html } = await import('mjml');
      const { html } = await mjml2html(source, {
        validationLevel: 'strict',
        ignoreIncludes: true,
        keepComments: false,
        fonts: {},
      });
      return { html, text: text.replace(/\n{3,}/g, '\n\n').trim() + '\n' };
    } catch (error) {
      throw new TemplateError(`Email template ${name} is not valid MJML: ${(error as Error).message.trim()}`);
    }
  }

  private template(
    env: typeof Handlebars,
    path: string,
    options: Parameters<typeof Handlebars.compile>[1] = {},
  ): Handlebars.TemplateDelegate {
    const key = `${env === this.text ? 'text' : 'html'}:${path}`;
    let template = this.compiled.get(key);
    if (!template) {
      template = env.compile(readFileSync(join(this.dir, path), 'utf8'), options);
      this.compiled.set(key, template);
    }
    return template;
  }
}
