import { Inject, Injectable } from '@nestjs/common';
import { FieldError } from '../common/field-errors';
import { AppConfig, appConfig, EmbedConfig, embedConfig } from '../config/config';
import { ConsentService } from '../consent/consent.service';
import { TemplatesService } from '../mail/templates.service';
import { Newsletter } from '../newsletters/newsletter.entity';
import { NewslettersService } from '../newsletters/newsletters.service';
import { LinksService } from '../tokens/links.service';
import { ReaderState } from '../readers/readers.service';

export interface SignupValues {
  email?: unknown;
  newsletters?: unknown;
  jobSector?: unknown;
}

const asStrings = (value: unknown): string[] => (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');

/** Builds the reader-facing pages; controllers only choose which one. */
@Injectable()
export class ReaderPages {
  constructor(
    private readonly templates: TemplatesService,
    private readonly catalogue: NewslettersService,
    private readonly consent: ConsentService,
    private readonly links: LinksService,
    @Inject(appConfig.KEY) private readonly app: AppConfig,
    @Inject(embedConfig.KEY) private readonly embed: EmbedConfig,
  ) {}

  /** The sign-up form, with the reader's input kept and each error beside its field. */
  async signup(csrfToken: string, values: SignupValues = {}, errors: FieldError[] = []): Promise<string> {
    const chosen = asStrings(values.newsletters);
    const sector = asStrings(values.jobSector)[0];
    return this.templates.page('signup', {
      csrfToken,
      email: asStrings(values.email)[0] ?? '',
      newsletters: (await this.catalogue.list()).map((n) => ({ ...n, checked: chosen.includes(n.slug) })),
      sectors: (await this.catalogue.jobSectors()).map((s) => ({ ...s, selected: s.slug === sector })),
      notice: await this.consent.noticeView(),
      privacyPolicyUrl: this.app.privacyPolicyUrl,
      // SIGNUP_CHALLENGE=on: the form does the proof of work (embed.js) before it is sent.
      challenge: this.embed.ownPageChallenge,
      hasErrors: errors.length > 0,
      errorList: errors.map((e) => ({ field: e.field === 'newsletters' ? 'newsletters' : e.field, message: e.message })),
      errors: Object.fromEntries(errors.map((e) => [e.field, e.message])),
    });
  }

  checkInbox(email: string | null, back: string | null = null): string {
    return this.templates.page('check-inbox', { email, back });
  }

  confirm(token: string, newsletters: Newsletter[], csrfToken: string): string {
    return this.templates.page('confirm', { token, newsletters, csrfToken });
  }

  confirmed(publicId: string, newsletters: Newsletter[]): string {
    return this.templates.page('confirmed', { newsletters, preferencesUrl: this.links.preferencesUrl(publicId) });
  }

  async preferences(reader: ReaderState, token: string, csrfToken: string, options: { saved?: boolean; errors?: FieldError[] } = {}): Promise<string> {
    return this.templates.page('preferences', {
      email: reader.email,
      token,
      csrfToken,
      saved: options.saved ?? false,
      errors: Object.fromEntries((options.errors ?? []).map((e) => [e.field, e.message])),
      newsletters: (await this.catalogue.list()).map((n) => {
        const status = reader.statuses.get(n.id);
        return { ...n, checked: status === 'active' || status === 'pending', pending: status === 'pending' };
      }),
      sectors: (await this.catalogue.jobSectors()).map((s) => ({ ...s, selected: s.id === reader.jobSectorId })),
      notice: await this.consent.noticeView(),
      privacyPolicyUrl: this.app.privacyPolicyUrl,
    });
  }

  async unsubscribe(token: string, email: string, publicId: string, newsletterId: number | null): Promise<string> {
    return this.templates.page('unsubscribe', {
      token,
      email,
      newsletter: newsletterId === null ? null : await this.catalogue.byId(newsletterId),
      preferencesUrl: this.links.preferencesUrl(publicId),
    });
  }

  async unsubscribed(email: string, publicId: string, newsletterId: number | null): Promise<string> {
    return this.templates.page('unsubscribed', {
      email,
      newsletter: newsletterId === null ? null : await this.catalogue.byId(newsletterId),
      preferencesUrl: this.links.preferencesUrl(publicId),
    });
  }

  alreadyConfirmed(): string {
    return this.templates.page('message', {
      title: 'You are already confirmed',
      message:
        'This confirmation link has been used, and your newsletters are on their way. To change what you receive, use the "Manage your preferences" link at the bottom of any newsletter.',
      link: { href: '/', text: 'Go to the sign-up page' },
    });
  }

  /** Where a preview's or a test send's manage and unsubscribe links lead. */
  previewCopy(): string {
    return this.templates.page('message', {
      title: 'This is a preview/test copy',
      message:
        'This copy of the newsletter was a preview or a test send from the newsroom, so its links belong to no reader: nothing has been changed. Readers get links of their own.',
      link: { href: '/', text: 'Go to the sign-up page' },
    });
  }

  invalidLink(): string {
    return this.templates.page('message', {
      title: 'This link does not work',
      message:
        'The link may have expired, been used already, or been copied incompletely. You can sign up again to get a fresh one, or use the links at the bottom of any newsletter.',
      link: { href: '/', text: 'Go to the sign-up page' },
    });
  }
}
