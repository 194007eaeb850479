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
