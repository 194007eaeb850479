import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

// Editors' and the newsroom's own words (an edition's note, a newsletter's welcome text): Markdown
// without raw HTML, then an allow-list, so nothing but prose, links and lists reaches a reader's inbox.
const markdown = new MarkdownIt({ html: false, linkify: true, typographer: false });

const ALLOWED: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'em', 'strong', 'a', 'ul', 'ol', 'li', 'blockquote', 'h2', 'h3', 'h4'],
  allowedAttributes: { a: ['href'] },
  allowedSchemes: ['https', 'http', 'mailto'],
  transformTags: { h1: 'h2' },
};

/** Markdown as sanitised HTML: paragraphs, emphasis, links, lists, block quotes and sub-headings only. */
export function markdownToHtml(text: string): string {
  return sanitizeHtml(markdown.render(text), ALLOWED).trim();
}

/** A link of a piece of Markdown: numbered from 1 by first appearance, one number per distinct address. */
export interface MarkdownLink {
  n: number;
  url: string;
  /** Its words (of the first link to the address), for a report to name it by. */
  text: string;
}

type Token = MarkdownIt.Token;

/** Only absolute http(s) and mailto links lead anywhere from an email; any other link becomes its words. */
function usableHref(href: string | null): string | null {
  if (!href) return null;
  try {
    const url = new URL(href);
    return url.protocol === 'http:' || url.protocol === 'https:' || url.protocol === 'mailto:' ? href : null;
  } catch {
    return null;
  }
}

/**
 * Parses Markdown and numbers its links, dropping the unusable ones, so that the HTML, the plain
 * text and the list of links (which the click redirect records) all come from the same parse and
 * agree on every number.
 */
function parse(text: string): { tokens: Token[]; links: MarkdownLink[] } {
  const tokens = markdown.parse(text, {});
  const numbers = new Map<string, MarkdownLink>();
  for (const block of tokens) {
    if (block.type !== 'inline' || !block.children) continue;
    const children: Token[] = [];
    let open: MarkdownLink | null = null;
    let words = '';
    let dropped = 0;
    for (const token of block.children) {
      if (token.type === 'link_open') {
        const url = usableHref(String(token.attrGet('href') ?? ''));
        if (!url) {
          dropped += 1;
          continue;
        }
        open = numbers.get(url) ?? { n: numbers.size + 1, url, text: '' };
        numbers.set(url, open);
        token.meta = { n: open.n };
        words = '';
      } else if (token.type === 'link_close') {
        if (dropped > 0 && !open) {
          dropped -= 1;
          continue;
        }
        if (open && !open.text) open.text = words.replace(/\s+/g, ' ').trim() || open.url;
        token.meta = { n: open?.n };
        open = null;
      } else if (open && (token.type === 'text' || token.type === 'code_inline')) {
        words += token.content;
      } else if (open && token.type === 'softbreak') {
        words += ' ';
      }
      children.push(token);
    }
    block.children = children;
  }
  return { tokens, links: [...numbers.values()] };
}

/** The links of a piece of Markdown as an email of it carries them, numbered as `markdownEmail` numbers them. */
export function markdownLinks(text: string): MarkdownLink[] {
  return parse(text).links;
}

const WIDTH = 72;

/** Words wrapped at `width` columns, each line after `first` (the first line's) or `rest`; a word longer than a line keeps a line to itself. */
function wrap(text: string, first: string, rest: string, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = lines.length === 0 ? first : rest;
    let empty = true;
    for (const word of paragraph.split(/[ \t]+/).filter(Boolean)) {
      if (!empty && line.length + 1 + word.length > width) {
        lines.push(line);
        line = rest + word;
      } else {
        line += empty ? word : ` ${word}`;
      }
      empty = false;
    }
    lines.push(line.trimEnd());
  }
  return lines.map((line) => line.replaceAll(GLUE, ' '));
}

const GLUE = '\uE000';

function inlineText(token: Token): string {
  let out = '';
  for (const child of token.children ?? []) {
    if (child.type === 'text' || child.type === 'code_inline') out += child.content;
    else if (child.type === 'softbreak') out += ' ';
    else if (child.type === 'hardbreak') out += '\n';
    // Glued to the link's last word, so the number never starts a line of its own.
    else if (child.type === 'link_close' && child.meta?.n) out += `${GLUE}[${child.meta.n}]`;
  }
  return out.replace(/[^\P{Cc}\n]/gu, ' ');
}

/**
 * Markdown as plain text for an email's text part, the way plain-text newsletters set it:
 * paragraphs wrapped at 72 columns, lists with their markers, block quotes with "> ", and each
 * link's words followed by its number, `[n]`, with the numbered addresses listed below.
 */
function plainText(tokens: Token[], links: MarkdownLink[], href: (link: MarkdownLink) => string, width: number): string {
  const blocks: string[] = [];
  // Each open block quote and list item adds to the lines' prefix; a list item's first line carries its marker.
  const prefixes: Array<{ first: string; rest: string; used: boolean }> = [];
  const lists: Array<{ ordered: boolean; next: number }> = [];
  let tight = false;
  // The first item of a list starts a block of its own, even in a tight list.
  let listStarts = false;
  const prefix = (): { first: string; rest: string } => {
    let first = '';
    let rest = '';
    for (const p of prefixes) {
      first += p.used ? p.rest : p.first;
      rest += p.rest;
    }
    return { first, rest };
  };
  const emit = (lines: string[]): void => {
    for (const p of prefixes) p.used = true;
    blocks.push(lines.join('\n'));
  };
  for (const token of tokens) {
    switch (token.type) {
      case 'blockquote_open':
        prefixes.push({ first: '> ', rest: '> ', used: false });
        break;
      case 'bullet_list_open':
      case 'ordered_list_open':
        lists.push({ ordered: token.type === 'ordered_list_open', next: Number(token.attrGet('start') ?? 1) });
        listStarts = true;
        break;
      case 'list_item_open': {
        const list = lists[lists.length - 1];
        const marker = list?.ordered ? `${list.next++}. ` : '- ';
        prefixes.push({ first: marker, rest: ' '.repeat(marker.length), used: false });
        break;
      }
      case 'blockquote_close':
      case 'list_item_close':
        prefixes.pop();
        break;
      case 'bullet_list_close':
      case 'ordered_list_close':
        lists.pop();
        break;
      case 'paragraph_open':
        tight = token.hidden;
        break;
      case 'heading_open':
        tight = false;
        break;
      case 'inline': {
        const { first, rest } = prefix();
        const lines = wrap(inlineText(token), first, rest, width);
        // Items of a tight list stay together: no blank line between them.
        if (tight && !listStarts && blocks.length > 0 && prefixes.length > 0) blocks[blocks.length - 1] += `\n${lines.join('\n')}`;
        else emit(lines);
        listStarts = false;
        for (const p of prefixes) p.used = true;
        break;
      }
      case 'heading_close': {
        const last = blocks[blocks.length - 1] ?? '';
        const longest = Math.max(...last.split('\n').map((line) => line.length));
        blocks[blocks.length - 1] = `${last}\n${'-'.repeat(Math.min(longest, width))}`;
        break;
      }
      case 'code_block':
      case 'fence': {
        const { first, rest } = prefix();
        emit(
          token.content
            .replace(/\n$/, '')
            .split('\n')
            .map((line: string, i: number) => `${i === 0 ? first : rest}    ${line}`.trimEnd()),
        );
        break;
      }
      default:
        break;
    }
  }
  const references = links.map((link) => `[${link.n}] ${href(link)}`);
  return [...blocks, ...(references.length > 0 ? [references.join('\n')] : [])].join('\n\n');
}

/**
 * Markdown as both parts of an email: sanitised HTML (as `markdownToHtml`) and plain text (see
 * `plainText`). Each link leads to `href(link)` in both, e.g. a counted redirect; links are
 * numbered as `markdownLinks` numbers them.
 */
export function markdownEmail(text: string, href: (link: MarkdownLink) => string = (link) => link.url, width = WIDTH): { html: string; text: string } {
  const { tokens, links } = parse(text);
  const byNumber = new Map(links.map((link) => [link.n, link]));
  const withHrefs = tokens.map((block) => {
    if (block.type !== 'inline' || !block.children) return block;
    for (const child of block.children) {
      if (child.type === 'link_open') child.attrSet('href', href(byNumber.get((child.meta as { n: number }).n)!));
    }
    return block;
  });
  const html = sanitizeHtml(markdown.renderer.render(withHrefs, markdown.options, {}), ALLOWED).trim();
  // The plain text is laid out from the tokens as parsed (the HTML's hrefs changed only attributes).
  return { html, text: plainText(tokens, links, href, width) };
}
