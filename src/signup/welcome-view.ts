import { markdownToHtml } from '../mail/markdown';
import { Newsletter } from '../newsletters/newsletter.entity';

/** Everything a welcome email says, but the reader's own links. */
export interface WelcomeView {
  subject: string;
  newsletter: { id: number; name: string; blurb: string };
  /** "weekday mornings at 6"; null when sent by hand or on a pattern too rich for words. */
  when: string | null;
  /** The newsroom's paragraph: its Markdown for the text part, sanitised HTML for the HTML part. */
  paragraph: { text: string; html: string } | null;
  /** The latest edition's web version, or null before the first. */
  latestUrl: string | null;
  archiveUrl: string;
}

export function welcomeView(newsletter: Newsletter, welcomeText: string, when: string | null, latestUrl: string | null, archiveUrl: string): WelcomeView {
  const text = welcomeText.trim();
  return {
    subject: `Welcome to ${newsletter.name}`,
    newsletter: { id: newsletter.id, name: newsletter.name, blurb: newsletter.blurb },
    when,
    paragraph: text === '' ? null : { text, html: markdownToHtml(text) },
    latestUrl,
    archiveUrl,
  };
}
