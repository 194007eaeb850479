import { Inject, Injectable, Optional } from '@nestjs/common';
import { noteLinkId, TEST_SEGMENT } from '../clicks/click-codes';
import { ClickLinks } from '../clicks/click-links';
import { AppConfig, appConfig } from '../config/config';
import { ConsentService } from '../consent/consent.service';
import { archivePath, webVersionPath } from '../editions/edition-paths';
import { markdownEmail, MarkdownLink } from '../mail/markdown';
import { PLACEHOLDER_NONCE, placeholders } from '../mail/personalised-template';
import { safeUrl, TemplateError, TemplatesService } from '../mail/templates.service';

/**
 * The per-recipient values a rendered digest leaves as placeholders. Links hold only their token
 * as a hole (the rest of the URL is the same for everyone), so filling a copy encodes just a few
 * short strings.
 */
export const RECIPIENT_HOLES = ['EMAIL', 'PREFERENCES_TOKEN', 'UNSUBSCRIBE_TOKEN'] as const;

export interface DigestArticle {
  /** Names the article's counted link (`/r/<code>`); without one, the link is the article's own URL. */
  id?: number;
  title: string;
  url: string;
  standfirst: string | null;
  author: string | null;
  section: string | null;
  imageUrl: string | null;
  publishedAt: Date;
  sponsored: boolean;
  topics: string[];
}

export interface DigestInput {
  newsletter: { slug: string; name: string; blurb: string };
  /** With the slug, names the edition's web version, which every copy links to ("View in browser"). */
  editionId: number;
  subject: string;
  preheader: string | null;
  /** In the order the edition shows them. */
  articles: DigestArticle[];
  /** The editor's note (Markdown), shown first, and the name that signs it (null: unsigned). */
  note?: { markdown: string; signOff: string | null } | null;
  /** The version of the edition being rendered, named in its counted links; 0 (the default): the only, untargeted one. */
  segment?: number;
  /** A preview or test copy: its article links redirect but count nothing (they carry TEST_SEGMENT). */
  preview?: boolean;
  /** When the edition went out, for its web version's date (default: now, as sending starts). */
  sentAt?: Date;
}

/** Both parts hold the RECIPIENT_HOLES placeholders and nothing about any one reader. */
export interface RenderedDigest {
  html: string;
  text: string;
  /** The placeholders' nonce: fill with `new PersonalisedTemplate(html, escapeHtml, nonce)`. */
  nonce: string;
  /** The web version (no placeholders at all), when rendered for sending. */
  webHtml?: string;
}

/** What a template sees of an article: whitespace-normalised text and only http(s) URLs ('' otherwise). */
interface ArticleView {
  title: string;
  /** The link to follow: the counted `/r/<code>` in a reader's copy when click counts are on, else the article's URL. */
  url: string;
  /** The article's own URL, for designs that show it. */
  articleUrl: string;
  standfirst: string | null;
  author: string | null;
  section: string | null;
  imageUrl: string;
  publishedAt: Date | null;
  topics: string[];
}

interface SectionView {
  /** null: articles with no section, shown last. */
  name: string | null;
  articles: ArticleView[];
}

const GENERIC_DESIGN = 'digest';
// A slug names a file: only these characters may reach a path.
const DESIGN_SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * Line breaks and control characters in article text would let it forge lines of the plain-text
 * part (a fake "Unsubscribe:" line); one line of plain words is all a digest needs of any field.
 */
function oneLine(value: unknown): string {
  return String(value ?? '')
    .replace(/[\s\p{Cc}]+/gu, ' ')
    .trim();
}

const optional = (value: unknown): string | null => oneLine(value) || null;

const DESCRIPTION_LENGTH = 300;

const LONDON_DAY = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'Europe/London' });

/** The day an edition went out, as its web version shows it: the date, and the day for `<time datetime>`. */
function sentOn(at: Date): { date: Date; day: string } {
  return { date: at, day: LONDON_DAY.format(at) };
}

/**
 * What the web version's head says of it: a title naming the newsletter, a description (the
 * preheader, else the lead article's standfirst, else the newsletter's blurb) and the lead
 * article's image for link previews.
 */
export function webSummary(input: Pick<DigestInput, 'newsletter' | 'subject' | 'preheader' | 'articles'>): { title: string; description: string; image: string } {
  const subject = oneLine(input.subject);
  const name = oneLine(input.newsletter.name);
  const lead = input.articles.find((article) => !article.sponsored) ?? input.articles[0];
  const description = optional(input.preheader) ?? optional(lead?.standfirst) ?? oneLine(input.newsletter.blurb);
  return {
    title: subject.includes(name) ? `${subject} | New Statesman` : `${subject} | ${name} | New Statesman`,
    description: description.length > DESCRIPTION_LENGTH ? `${description.slice(0, DESCRIPTION_LENGTH - 1).trimEnd()}…` : description,
    image: lead ? safeUrl(lead.imageUrl) : '',
  };
}

function articleView(article: DigestArticle, link: (article: DigestArticle, url: string) => string): ArticleView {
  const published = article.publishedAt == null ? null : new Date(article.publishedAt);
  const url = safeUrl(article.url);
  return {
    title: oneLine(article.title),
    url: url && link(article, url),
    articleUrl: url,
    standfirst: optional(article.standfirst),
    author: optional(article.author),
    section: optional(article.section),
    imageUrl: safeUrl(article.imageUrl),
    publishedAt: published && !Number.isNaN(published.getTime()) ? published : null,
    topics: (article.topics ?? []).map(oneLine).filter(Boolean),
  };
}

/** Sections in the order their first article appears; articles with no section last. */
function bySection(articles: ArticleView[]): SectionView[] {
  const groups = new Map<string | null, ArticleView[]>();
  for (const article of articles) {
    const group = groups.get(article.section);
    if (group) group.push(article);
    else groups.set(article.section, [article]);
  }
  const sections = [...groups].map(([name, list]) => ({ name, articles: list }));
  return [...sections.filter((s) => s.name !== null), ...sections.filter((s) => s.name === null)];
}

/**
 * Renders one edition of a newsletter, once, to MJML-built HTML and a plain-text twin. The
 * reader's address and links are placeholders; per recipient only those are substituted.
 *
 * A newsletter's own design (templates/email/<slug>.mjml and .txt) wins; otherwise the generic
 * digest. Article text reaches the templates only through Handlebars' escaping `{{ }}`, and URLs
 * only when they are http(s) (the templates also pass them through `safeUrl`).
 */
@Injectable()
export class DigestRenderer {
  constructor(
    private readonly templates: TemplatesService,
    private readonly consent: ConsentService,
    @Inject(appConfig.KEY)
    private readonly app: Pick<AppConfig, 'privacyPolicyUrl' | 'publicUrl'>,
    @Optional() private readonly clickLinks?: ClickLinks,
  ) {}

  /** The template a newsletter's digest uses. */
  design(slug: string): string {
    const own = DESIGN_SLUG.test(slug) && slug !== GENERIC_DESIGN;
    return own && this.templates.has(`email/${slug}.mjml`) && this.templates.has(`email/${slug}.txt`) ? slug : GENERIC_DESIGN;
  }

  /**
   * Throws TemplateError, naming the template, when the design cannot be rendered (invalid MJML,
   * a missing partial). `nonce` defaults to this process's; store the returned one with the edition.
   */
  async render(input: DigestInput, nonce: string = PLACEHOLDER_NONCE): Promise<RenderedDigest> {
    const holes = placeholders(RECIPIENT_HOLES, nonce);
    const { html, text } = await this.build(input, {
      links: {
        email: holes.EMAIL,
        preferences: `${this.app.publicUrl}/preferences?token=${holes.PREFERENCES_TOKEN}`,
        unsubscribe: `${this.app.publicUrl}/unsubscribe?token=${holes.UNSUBSCRIBE_TOKEN}`,
        webVersion: this.app.publicUrl + webVersionPath(input.newsletter.slug, input.editionId),
      },
      web: false,
    });
    return { html, text, nonce };
  }

  /**
   * The web version: the same design with no reader in it, and its head (title, description,
   * Open Graph) filled in. The links a reader's copy fills per recipient lead to the sign-up form
   * here, so even a design that ignores `web` leaves no placeholder and no one's address.
   */
  async renderWeb(input: DigestInput): Promise<string> {
    const url = this.app.publicUrl + webVersionPath(input.newsletter.slug, input.editionId);
    const signupUrl = `${this.app.publicUrl}/`;
    const { html } = await this.build(input, {
      links: { email: '', preferences: signupUrl, unsubscribe: signupUrl, webVersion: url },
      web: { ...webSummary(input), url, signupUrl, archiveUrl: this.app.publicUrl + archivePath(input.newsletter.slug), ...sentOn(input.sentAt ?? new Date()) },
    });
    // A page, not a message: its content is the page's main landmark.
    return html.replace(/(<body\b[^>]*>)/, '$1<main>').replace(/<\/body>(?![\s\S]*<\/body>)/, '</main></body>');
  }

  /** What sending starts with: the email and its web version, each rendered once. */
  async renderForSending(input: DigestInput, nonce: string = PLACEHOLDER_NONCE): Promise<RenderedDigest> {
    const email = await this.render(input, nonce);
    return { ...email, webHtml: await this.renderWeb(input) };
  }

  /**
   * A reader's copy links each article through `/r/<code>` (edition, article, segment: the same
   * for every reader of the segment, so it is rendered here once); the web version, and every
   * copy when click counts are off, links to the article itself.
   */
  private articleLink(input: DigestInput, web: boolean): (article: DigestArticle, url: string) => string {
    const clicks = this.clickLinks;
    if (web || !clicks?.enabled) return (_article, url) => url;
    const segment = input.preview ? TEST_SEGMENT : (input.segment ?? 0);
    return (article, url) => (article.id === undefined ? url : (clicks.url({ editionId: input.editionId, articleId: article.id, segment }) ?? url));
  }

  /**
   * The note in both parts, its links counted like the articles' (under their note link ids) in
   * a reader's copy; rendered here, once per version, like everything else in the digest.
   */
  private note(input: DigestInput, web: boolean): { html: string; text: string; signOff: string | null } | null {
    const markdown = input.note?.markdown.trim();
    if (!markdown) return null;
    const clicks = this.clickLinks;
    const segment = input.preview ? TEST_SEGMENT : (input.segment ?? 0);
    const counted = !web && clicks?.enabled;
    const href = (link: MarkdownLink): string =>
      counted && safeUrl(link.url) ? (clicks!.url({ editionId: input.editionId, articleId: noteLinkId(link.n), segment }) ?? link.url) : link.url;
    return { ...markdownEmail(markdown, href), signOff: optional(input.note?.signOff) };
  }

  private async build(input: DigestInput, variant: { links: Record<string, string>; web: object | false }): Promise<{ html: string; text: string }> {
    const notice = await this.consent.noticeView();
    const name = this.design(input.newsletter.slug);
    const link = this.articleLink(input, variant.web !== false);
    const articles = input.articles.map((article) => ({ article, view: articleView(article, link) }));
    const editorial = articles.filter(({ article }) => !article.sponsored).map(({ view }) => view);
    const partners = articles.filter(({ article }) => article.sponsored).map(({ view }) => view);
    const context = {
      subject: oneLine(input.subject),
      preheader: optional(input.preheader),
      masthead: oneLine(input.newsletter.name),
      newsletter: { slug: input.newsletter.slug, name: oneLine(input.newsletter.name), blurb: oneLine(input.newsletter.blurb) },
      articles: editorial,
      sections: bySection(editorial),
      partners,
      note: this.note(input, variant.web !== false),
      ...variant,
      notice,
      privacyPolicyUrl: this.app.privacyPolicyUrl,
    };
    try {
      return await this.templates.email(name, context);
    } catch (error) {
      if (error instanceof TemplateError) throw error;
      // Handlebars errors (a missing partial, a bad helper call) are as fatal as invalid MJML.
      throw new TemplateError(`Email template ${name} could not be rendered: ${(error as Error).message.trim()}`);
    }
  }
}
