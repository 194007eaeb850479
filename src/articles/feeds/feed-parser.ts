import { XMLParser } from 'fast-xml-parser';
import { ARTICLE_LIMITS, isHttpUrl } from '../article-fields';
import { decodeEntities, htmlToText, squash } from './html-text';

/** One feed item, checked and shaped as an article. */
interface FeedArticle {
  url: string;
  guid: string | null;
  title: string;
  standfirst: string | null;
  author: string | null;
  section: string | null;
  topics: string[];
  publishedAt: Date;
  imageUrl: string | null;
  sponsored: boolean;
}

export interface SkippedFeedItem {
  /** 1-based position of the item in the feed. */
  position: number;
  reason: string;
}

export interface ParsedFeed {
  format: 'rss' | 'atom';
  articles: FeedArticle[];
  skipped: SkippedFeedItem[];
}

/** The document is not a feed that can be read: nothing in it should be imported. */
export class FeedFormatError extends Error {}

/**
 * Partner content is marked in a feed by a category with this name (the heading the magazine's
 * pages give it). The category sets `sponsored` and is not kept as a section or topic.
 */
const SPONSORED_CATEGORY = 'Content from our partners';

type XmlNode = Record<string, unknown>;

const REPEATABLE = new Set([
  'item', 'entry', 'link', 'category', 'enclosure', 'author', 'dc:creator', 'dc:subject', 'media:content', 'media:thumbnail', 'media:group',
]);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  isArray: (name) => REPEATABLE.has(name),
  // fast-xml-parser leaves numeric references (&#8217;) undecoded unless told otherwise, and feeds
  // use HTML's names (&nbsp;) without declaring them: decode both. Entities declared in a DOCTYPE
  // are never expanded (no "billion laughs"); they stay as written.
  entityDecoder: {
    decode: decodeEntities,
    setExternalEntities: () => undefined,
    addInputEntities: () => undefined,
    reset: () => undefined,
    setXmlVersion: () => undefined,
  },
});

const IMAGE_FILE = /\.(avif|gif|jpe?g|png|webp)(\?|#|$)/i;

function asNode(value: unknown): XmlNode | undefined {
  if (Array.isArray(value)) return asNode(value[0]);
  return typeof value === 'object' && value !== null ? (value as XmlNode) : undefined;
}

const list = (value: unknown): unknown[] => (value === undefined || value === null ? [] : Array.isArray(value) ? value : [value]);

const attr = (node: unknown, name: string): string | undefined => {
  const value = asNode(node)?.[`@_${name}`];
  return typeof value === 'string' ? value.trim() : undefined;
};

/** An element's text: its own, then its children's (for Atom's inline XHTML). */
function textOf(node: unknown): string {
  if (node === undefined || node === null) return '';
  if (typeof node === 'string') return node;
  if (typeof node === 'number' || typeof node === 'boolean') return String(node);
  if (Array.isArray(node)) return textOf(node[0]);
  return Object.entries(node as XmlNode)
    .filter(([key]) => !key.startsWith('@_'))
    .map(([key, value]) => (key === '#text' ? textOf(value) : list(value).map(textOf).join(' ')))
    .join('');
}

/** Atom text constructs say what they hold; RSS descriptions are HTML by convention. */
function atomText(node: unknown): string {
  const type = attr(node, 'type');
  return type === 'html' ? htmlToText(textOf(node)) : squash(textOf(node));
}

const truncate = (text: string, max: number): string => {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.8 ? cut.slice(0, space) : cut).trimEnd()}…`;
};

const orNull = (text: string): string | null => (text === '' ? null : text);

function absoluteUrl(raw: string, base: string | undefined): string | null {
  const value = raw.trim();
  if (value === '') return null;
  if (isHttpUrl(value)) return value;
  if (!base) return null;
  try {
    const resolved = new URL(value, base).href;
    return isHttpUrl(resolved) ? resolved : null;
  } catch {
    return null;
  }
}

function parseDate(raw: string): Date | null {
  const value = raw.trim();
  if (value === '') return null;
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : new Date(time);
}

/** Fields both formats share once their own names are read. */
interface RawItem {
  link: string | null;
  guid: string | null;
  title: string;
  standfirst: string;
  authors: string[];
  categories: string[];
  date: Date | null;
  imageUrl: string | null;
}

function mediaImage(item: XmlNode, base: string | undefined): string | null {
  const groups = list(item['media:group']).map(asNode).filter((g): g is XmlNode => g !== undefined);
  const contents = [item, ...groups].flatMap((node) => list(node['media:content']));
  for (const content of contents) {
    const medium = attr(content, 'medium');
    const type = attr(content, 'type');
    const url = attr(content, 'url') ?? '';
    const image = medium === 'image' || type?.startsWith('image/') || (!medium && !type && IMAGE_FILE.test(url));
    const resolved = image ? absoluteUrl(url, base) : null;
    if (resolved) return resolved;
  }
  for (const thumbnail of [item, ...groups].flatMap((node) => list(node['media:thumbnail']))) {
    const resolved = absoluteUrl(attr(thumbnail, 'url') ?? '', base);
    if (resolved) return resolved;
  }
  return null;
}

function rssItem(item: XmlNode, base: string | undefined): RawItem {
  const guidNode = item.guid;
  const guid = squash(textOf(guidNode));
  const permalink = attr(guidNode, 'isPermaLink') !== 'false';
  const link = absoluteUrl(textOf(item.link), base) ?? (permalink ? absoluteUrl(guid, base) : null);

  const enclosure = list(item.enclosure).find((e) => attr(e, 'type')?.startsWith('image/') || (!attr(e, 'type') && IMAGE_FILE.test(attr(e, 'url') ?? '')));
  const imageUrl = (enclosure ? absoluteUrl(attr(enclosure, 'url') ?? '', base) : null) ?? mediaImage(item, base);

  // RSS <author> is an email address, "name@example.com (Name)" by convention: keep the name.
  const authors = [
    ...list(item['dc:creator']).map((a) => squash(textOf(a))),
    ...list(item.author).map((a) => squash(textOf(a)).replace(/^\S+@\S+\s+\((.+)\)$/, '$1')),
  ];
  return {
    link,
    guid: orNull(guid),
    title: squash(textOf(item.title)),
    standfirst: htmlToText(textOf(item.description)),
    authors,
    categories: [...list(item.category), ...list(item['dc:subject'])].map((c) => squash(textOf(c))),
    date: parseDate(textOf(item.pubDate)) ?? parseDate(textOf(item['dc:date'])),
    imageUrl,
  };
}

function atomItem(entry: XmlNode, feedAuthors: string[], base: string | undefined): RawItem {
  const links = list(entry.link);
  const alternate = links.find((l) => (attr(l, 'rel') ?? 'alternate') === 'alternate');
  const enclosure = links.find((l) => attr(l, 'rel') === 'enclosure' && attr(l, 'type')?.startsWith('image/'));
  const authors = list(entry.author).map((a) => squash(textOf(asNode(a)?.name)));
  return {
    link: absoluteUrl(attr(alternate, 'href') ?? '', base),
    guid: orNull(squash(textOf(entry.id))),
    title: atomText(entry.title),
    standfirst: atomText(entry.summary),
    authors: authors.some(Boolean) ? authors : feedAuthors,
    categories: list(entry.category).map((c) => squash(attr(c, 'label') ?? attr(c, 'term') ?? '')),
    date: parseDate(textOf(entry.published)) ?? parseDate(textOf(entry.updated)),
    imageUrl: (enclosure ? absoluteUrl(attr(enclosure, 'href') ?? '', base) : null) ?? mediaImage(entry, base),
  };
}

function toArticle(raw: RawItem): FeedArticle | string {
  if (!raw.link) return 'no http(s) link';
  if (raw.title === '') return 'no title';
  if (raw.title.length > ARTICLE_LIMITS.title) return `title longer than ${ARTICLE_LIMITS.title} characters`;
  if (!raw.date) return 'no valid publication date';

  const categories = [...new Set(raw.categories.filter(Boolean))];
  const sponsored = categories.some((c) => c.toLowerCase() === SPONSORED_CATEGORY.toLowerCase());
  const kept = categories.filter((c) => c.toLowerCase() !== SPONSORED_CATEGORY.toLowerCase());
  const topics = kept.filter((c) => c.length <= ARTICLE_LIMITS.topic).slice(0, ARTICLE_LIMITS.topics);
  const author = [...new Set(raw.authors.filter(Boolean))].join(', ');
  return {
    url: raw.link,
    guid: raw.guid && raw.guid.length <= ARTICLE_LIMITS.guid ? raw.guid : null,
    title: raw.title,
    standfirst: orNull(truncate(raw.standfirst, ARTICLE_LIMITS.standfirst)),
    author: orNull(truncate(author, ARTICLE_LIMITS.author)),
    section: kept[0] ? truncate(kept[0], ARTICLE_LIMITS.section) : null,
    topics,
    publishedAt: raw.date,
    imageUrl: raw.imageUrl,
    sponsored,
  };
}

function readDocument(xml: string): XmlNode {
  const start = xml.replace(/^\uFEFF/, '').trimStart();
  if (start === '') throw new FeedFormatError('the document is empty');
  if (/^(<!--[\s\S]*?-->\s*)*<(!doctype\s+html|html[\s>])/i.test(start)) {
    throw new FeedFormatError('the URL returned an HTML page, not an RSS or Atom feed');
  }
  try {
    return parser.parse(start, true) as XmlNode;
  } catch (error) {
    // fast-xml-parser ends its messages with ":line:column".
    const message = (error as Error).message;
    const at = /^([\s\S]*?)\.?:(\d+):(\d+|undefined)$/.exec(message);
    const where = at ? ` (line ${at[2]}${at[3] === 'undefined' ? '' : `, column ${at[3]}`})` : '';
    throw new FeedFormatError(`not well-formed XML: ${at ? at[1] : message}${where}`);
  }
}

/**
 * Reads an RSS 2.0 or Atom document into articles. Items that cannot be articles (no http(s)
 * link, no title, no date) are left out and listed with the reason; a document that is not a
 * feed at all throws FeedFormatError. `feedUrl` resolves relative links.
 */
export function parseFeed(xml: string, feedUrl?: string): ParsedFeed {
  const document = readDocument(xml);
  const root = Object.keys(document).find((key) => !key.startsWith('?') && key !== '#text');
  if (!root) throw new FeedFormatError('the document is empty');

  let format: ParsedFeed['format'];
  let raws: RawItem[];
  if (root === 'rss') {
    const channel = asNode(asNode(document.rss)?.channel);
    if (!channel) throw new FeedFormatError('an RSS document without a <channel>');
    format = 'rss';
    raws = list(channel.item).map((item) => rssItem(asNode(item) ?? {}, feedUrl));
  } else if (root === 'feed') {
    const feed = asNode(document.feed) ?? {};
    const feedAuthors = list(feed.author).map((a) => squash(textOf(asNode(a)?.name))).filter(Boolean);
    format = 'atom';
    raws = list(feed.entry).map((entry) => atomItem(asNode(entry) ?? {}, feedAuthors, feedUrl));
  } else {
    throw new FeedFormatError(`not an RSS or Atom feed (the document is <${root}>)`);
  }

  const articles: FeedArticle[] = [];
  const skipped: SkippedFeedItem[] = [];
  const seen = new Map<string, number>();
  raws.forEach((raw, index) => {
    const position = index + 1;
    const article = toArticle(raw);
    if (typeof article === 'string') {
      skipped.push({ position, reason: article });
      return;
    }
    const earlier = seen.get(`url ${article.url}`) ?? (article.guid ? seen.get(`guid ${article.guid}`) : undefined);
    if (earlier) {
      skipped.push({ position, reason: `repeats item ${earlier}` });
      return;
    }
    seen.set(`url ${article.url}`, position);
    if (article.guid) seen.set(`guid ${article.guid}`, position);
    articles.push(article);
  });
  return { format, articles, skipped };
}
