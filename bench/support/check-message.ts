import { simpleParser } from 'mailparser';
import { parse as parseHtml } from 'node-html-parser';
import type { LinksService } from '../../src/tokens/links.service';
import type { TokenReader } from '../../src/tokens/public-id';

/** Whether a token names this public id (not a sequential id, not another reader). */
function names(reader: TokenReader | undefined, publicId: string): boolean {
  return reader !== undefined && 'publicId' in reader && reader.publicId === publicId;
}

export interface ExpectedMessage {
  /** What the links and the mailto must name the reader by. */
  publicId: string;
  email: string;
  newsletterId: number;
  subject: string;
  messageId: string;
  /** Headlines the text part must carry. */
  titles: string[];
}

/**
 * Parses a message back as a mail client would and lists what does not name its reader where it
 * should: To, Message-ID, Subject, List-Unsubscribe (its token verifies for this reader and
 * newsletter, the mailto's address is the reader's for that newsletter), List-Unsubscribe-Post, the preference and unsubscribe links
 * in both parts, the address, every headline. An empty list means the message is right.
 */
export async function messageProblems(raw: Buffer, expected: ExpectedMessage, links: LinksService): Promise<string[]> {
  const problems: string[] = [];
  const parsed = await simpleParser(raw);
  const to = Array.isArray(parsed.to) ? parsed.to[0] : parsed.to;
  if (to?.value[0]?.address !== expected.email) problems.push(`To is ${to?.text}`);
  if (parsed.messageId !== expected.messageId) problems.push(`Message-ID is ${parsed.messageId}`);
  if (parsed.subject !== expected.subject) problems.push(`Subject is ${parsed.subject}`);
  const header = (key: string) => (parsed.headerLines.find((h) => h.key === key)?.line ?? '').replace(/\r?\n[ \t]+/g, ' ');
  const listUnsubscribe = header('list-unsubscribe');
  const oneClick = /<(https:[^>]+)>/.exec(listUnsubscribe)?.[1];
  const token = oneClick ? new URL(oneClick).searchParams.get('token') : null;
  const claims = links.verify(token, 'unsubscribe');
  if (!names(claims?.reader, expected.publicId) || claims?.newsletterId !== expected.newsletterId) {
    problems.push(`List-Unsubscribe is ${listUnsubscribe}`);
  }
  const mailto = /<mailto:([^?>]+)/.exec(listUnsubscribe)?.[1] ?? '';
  const byMail = links.readUnsubscribeAddress(mailto);
  if (!names(byMail?.reader, expected.publicId) || byMail?.newsletterId !== expected.newsletterId) problems.push(`List-Unsubscribe mailto is ${mailto}`);
  if (header('list-unsubscribe-post') !== 'List-Unsubscribe-Post: List-Unsubscribe=One-Click') problems.push('no List-Unsubscribe-Post');
  const html = typeof parsed.html === 'string' ? parsed.html : '';
  const text = parsed.text ?? '';
  // As a mail client reads them: attribute values with their character references decoded.
  const hrefs = parseHtml(html)
    .querySelectorAll('a')
    .map((a) => a.getAttribute('href') ?? '');
  const preferences = hrefs.find((href) => href.includes('/preferences?token='));
  const prefClaims = links.verify(preferences ? new URL(preferences).searchParams.get('token') : null, 'preferences');
  if (!names(prefClaims?.reader, expected.publicId)) problems.push(`preferences link in HTML is ${preferences}`);
  if (!oneClick || !hrefs.includes(oneClick)) problems.push('HTML lacks the unsubscribe link');
  if (!text.includes(`Unsubscribe: ${oneClick}`)) problems.push('text lacks the unsubscribe link');
  if (!html.includes(expected.email) || !text.includes(expected.email)) problems.push('the address is not in both parts');
  for (const title of expected.titles) {
    if (!text.includes(title)) problems.push(`text lacks "${title}"`);
  }
  return problems;
}
