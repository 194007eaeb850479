import { Inject, Injectable, Logger } from '@nestjs/common';
import { AppConfig, appConfig } from '../config/config';
import { ConsentService } from '../consent/consent.service';
import { MailService } from '../mail/mail.service';
import { Metrics } from '../metrics/metrics';
import { escapeHtml, PersonalisedTemplate, placeholders } from '../mail/personalised-template';
import { TemplatesService } from '../mail/templates.service';
import { NewslettersService } from '../newsletters/newsletters.service';
import { hashToken, randomToken } from '../tokens/link-tokens';
import { LinksService } from '../tokens/links.service';
import { AccountEmailKind } from './account-email.entity';
import { ReadersService } from '../readers/readers.service';
import { SignupStore } from './signup.store';

const SUBJECTS: Record<AccountEmailKind, string> = {
  confirmation: 'Confirm your New Statesman newsletter subscription',
  preferences: 'Manage your New Statesman newsletters',
};

const HOLES = ['CONFIRM_URL', 'PREFERENCES_URL', 'UNSUBSCRIBE_URL', 'EMAIL'] as const;

interface AccountTemplate {
  html: PersonalisedTemplate;
  text: PersonalisedTemplate;
}

export type AccountEmailOutcome = 'sent' | 'skipped';

/**
 * Sends confirmation and "manage your preferences" emails. Each is rendered from MJML once per
 * combination of newsletters; each recipient's links are substituted in.
 */
@Injectable()
export class AccountMailService {
  private readonly logger = new Logger(AccountMailService.name);
  private readonly rendered = new Map<string, Promise<AccountTemplate>>();

  constructor(
    private readonly store: SignupStore,
    private readonly readers: ReadersService,
    private readonly mail: MailService,
    private readonly templates: TemplatesService,
    private readonly links: LinksService,
    private readonly consent: ConsentService,
    private readonly catalogue: NewslettersService,
    @Inject(appConfig.KEY) private readonly app: AppConfig,
    private readonly metrics: Metrics,
  ) {}

  async send(accountEmailId: number): Promise<AccountEmailOutcome> {
    const row = await this.store.takeAccountEmail(accountEmailId);
    if (!row) return 'skipped';
    if (row.suppressed) return this.skip(accountEmailId, row.kind);

    let confirmUrl = '';
    let newsletterIds: number[] = [];
    if (row.kind === 'confirmation') {
      newsletterIds = await this.readers.pendingNewsletterIds(row.subscriberId);
      // Confirmed through an earlier message, or left, while this one waited: nothing to confirm.
      if (newsletterIds.length === 0) return this.skip(accountEmailId, row.kind);
      // The raw token exists only in this message; the database keeps its hash.
      const token = randomToken();
      await this.store.setConfirmationToken(accountEmailId, hashToken(token));
      confirmUrl = this.links.confirmUrl(token);
    }

    const template = await this.template(row.kind, newsletterIds);
    const links = this.links.readerLinks(row.subscriberId, row.email, null);
    const values = { CONFIRM_URL: confirmUrl, PREFERENCES_URL: links.preferences, UNSUBSCRIBE_URL: links.unsubscribe, EMAIL: row.email };
    try {
      await this.mail.send({
        to: row.email,
        subject: SUBJECTS[row.kind],
        html: template.html.fill(values),
        text: template.text.fill(values),
        headers: this.links.listUnsubscribeHeaders(links.unsubscribe),
        // Its own VERP address too (no edition): a bounce of a confirmation names the reader.
        envelope: { from: this.links.bounceAddress(null, row.subscriberId), to: [row.email] },
        kind: row.kind,
      });
    } catch (error) {
      this.metrics.accountEmail(row.kind, 'failed');
      await this.store.releaseAccountEmail(accountEmailId).catch(() => undefined);
      throw error;
    }
    await this.store.markAccountEmailSent(accountEmailId);
    this.metrics.accountEmail(row.kind, 'sent');
    return 'sent';
  }

  private async skip(accountEmailId: number, kind: AccountEmailKind): Promise<'skipped'> {
    await this.store.markAccountEmailSkipped(accountEmailId);
    this.metrics.accountEmail(kind, 'skipped');
    return 'skipped';
  }

  private template(kind: AccountEmailKind, newsletterIds: number[]): Promise<AccountTemplate> {
    const key = `${kind}:${newsletterIds.join(',')}`;
    let template = this.rendered.get(key);
    if (!template) {
      template = this.render(kind, newsletterIds);
      template.catch(() => this.rendered.delete(key));
      this.rendered.set(key, template);
    }
    return template;
  }

  private async render(kind: AccountEmailKind, newsletterIds: number[]): Promise<AccountTemplate> {
    const holes = placeholders(HOLES);
    const newsletters = await this.catalogue.byIds(newsletterIds);
    const { html, text } = await this.templates.email(kind, {
      subject: SUBJECTS[kind],
      newsletters,
      confirmUrl: holes.CONFIRM_URL,
      links: { email: holes.EMAIL, preferences: holes.PREFERENCES_URL, unsubscribe: holes.UNSUBSCRIBE_URL },
      notice: await this.consent.noticeView(),
      privacyPolicyUrl: this.app.privacyPolicyUrl,
    });
    return { html: new PersonalisedTemplate(html, escapeHtml), text: new PersonalisedTemplate(text) };
  }
}
