import { Injectable } from '@nestjs/common';
import { TemplatesService } from '../mail/templates.service';
import { NewslettersService } from '../newsletters/newsletters.service';
import { describeConsent, ReaderDataExport } from '../readers-data/reader-data-export';
import type { ReaderDataLinkKind } from '../readers-data/readers-data.service';

const LONDON = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'Europe/London' });
const STATES: Record<string, string> = { active: 'Receiving it', pending: 'Awaiting your confirmation', unsubscribed: 'Unsubscribed' };

const ASKS: Record<ReaderDataLinkKind, { title: string; action: string; intro: string; button: string }> = {
  'data-export': {
    title: 'Download your data',
    action: '/preferences/data',
    intro: 'We will email a link to see and download everything we hold about you. It works for one hour. Only someone who can read this mailbox can use it, so a forwarded newsletter does not hand over your data.',
    button: 'Email me the link',
  },
  erasure: {
    title: 'Delete your data',
    action: '/preferences/delete',
    intro: 'We will email a link to confirm that everything we hold about you should be deleted. It works for one hour. Only someone who can read this mailbox can use it, so a forwarded newsletter cannot delete you.',
    button: 'Email me the link',
  },
};

const time = (iso: string | null) => (iso === null ? null : { iso, label: LONDON.format(new Date(iso)) });

/** The reader's own pages about their data: a readable copy, the erasure's confirmation, its outcome. */
@Injectable()
export class ReaderDataPages {
  constructor(
    private readonly templates: TemplatesService,
    private readonly catalogue: NewslettersService,
  ) {}

  /** The export as a page, everything in it, times in London. */
  async data(data: ReaderDataExport, token: string, preferencesUrl: string): Promise<string> {
    const sectors = await this.catalogue.jobSectors();
    const sectorLabel = (slug: unknown) => (typeof slug === 'string' ? (sectors.find((s) => s.slug === slug)?.label ?? slug) : 'none');
    const newsletterName = (slug: string | null) =>
      slug === null ? 'All newsletters' : (data.subscriptions.find((s) => s.newsletter === slug)?.newsletterName ?? data.deliveries.find((d) => d.newsletter === slug)?.newsletterName ?? slug);
    return this.templates.page('reader-data', {
      token,
      preferencesUrl,
      reader: { ...data.reader, since: time(data.reader.readerSince), suppression: data.reader.suppression && { ...data.reader.suppression, at: time(data.reader.suppression.since) } },
      exportedAt: time(data.exportedAt),
      subscriptions: data.subscriptions.map((s) => ({ ...s, state: STATES[s.status] ?? s.status, subscribed: time(s.subscribedAt), confirmed: time(s.confirmedAt), unsubscribed: time(s.unsubscribedAt) })),
      deliveries: data.deliveries.map((d) => ({ ...d, sent: time(d.sentAt) })),
      consent: data.consent.map((e) => ({ ...e, when: time(e.at), newsletterName: newsletterName(e.newsletter), what: describeConsent(e.event, e.details, sectorLabel) })),
    });
  }

  confirmErasure(token: string, email: string, csrfToken: string, preferencesUrl: string): string {
    return this.templates.page('delete-data', { token, email, csrfToken, preferencesUrl });
  }

  /** The preference centre's step: the data, or its erasure, is reached only by a link sent to the address. */
  askByEmail(kind: ReaderDataLinkKind, token: string, email: string, csrfToken: string): string {
    return this.templates.page('data-request', { ...ASKS[kind], token, email, csrfToken });
  }

  linkSent(kind: ReaderDataLinkKind, email: string, sent: boolean, token: string): string {
    return this.templates.page('message', {
      title: sent ? 'Check your inbox' : 'Try again tomorrow',
      message: sent
        ? `We have sent a link to ${email}. Open it within an hour to ${kind === 'erasure' ? 'confirm that your data should be deleted' : 'see and download your data'}.`
        : `We have already sent ${email} several emails today. Please try again tomorrow.`,
      link: { href: `/preferences?token=${token}`, text: 'Back to your newsletters' },
    });
  }

  erased(): string {
    return this.templates.page('message', {
      title: 'Your data has been deleted',
      message:
        'We have deleted your email address, your job sector, and the IP addresses and browser details recorded when you signed up and changed your preferences. You will receive no more newsletters. We keep only a one-way code made from your address, so that it cannot be added to our lists again without you; signing up again and confirming starts afresh.',
      link: { href: '/', text: 'Go to the sign-up page' },
    });
  }
}
