import { markdownLinks } from '../mail/markdown';
import { safeUrl } from '../mail/templates.service';
import { noteLinkId } from './click-codes';
import { NOTE_SECTION } from './click-report';
import { SentLink } from './clicks.store';

/**
 * The counted links of an edition's note: its http(s) links, numbered as the digest renders them,
 * placed before the articles and named by their words. Mail links are not redirected.
 */
export function noteLinks(note: string | null): SentLink[] {
  const links = note ? markdownLinks(note).filter((link) => safeUrl(link.url)) : [];
  return links.map((link, i) => ({
    articleId: noteLinkId(link.n),
    position: i - links.length,
    url: link.url,
    title: link.text,
    section: NOTE_SECTION,
    sponsored: false,
  }));
}
