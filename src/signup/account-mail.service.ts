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
import { AccountEmailKind, ReaderDataLinkKind } from './account-email.entity';
import { ReadersService } from '../readers/readers.service';
import { SuppressionService } from '../readers/suppression.service';
import { classifySmtpError } from '../delivery/smtp-outcome';
import { archivePath, webVersionPath } from '../editions/edition-paths';
import { EditionsService } from '../editions/editions.service';
import { scheduleForReaders } from '../publishing/schedule-words';
import { WelcomeView, welcomeView } from './welcome-view';
import { SignupStore } from './signup.store';

const SUBJECTS: Record<AccountEmailKind, string> = {
  confirmation: 'Confirm your New Statesman newsletter subscription',
  preferences: 'Manage your New Statesman newsletters',
  'data-export': 'Your data from New Statesman newsletters',
  erasure: 'Confirm: delete your data from New Statesman newsletters',
  welcome: 'Welcome',
};

/** Where an emailed link to a reader's data leads, and for how long it works. */
const DATA_LINKS: Record<ReaderDataLinkKind, string> = { 'data-export': '/my-data', erasure: '/my-data/delete' };
const DATA_LINK_HOURS = 1;
const CONFIRMATION_HOURS = 72;

const HOLES = ['CONFIRM_URL', 'ACTION_URL', 'PREFERENCES_URL', 'UNSUBSCRIBE_URL', 'EMAIL'] as const;

interface AccountTemplate {
  html: PersonalisedTemplate;
  text: PersonalisedTemplate;
}

export type AccountEmailOutcome = 'sent' | 'skipped' | 'failed';

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
    private readonly suppression: SuppressionService,
    private readonly catalogue: NewslettersService,
    private readonly editions: EditionsService,
    @Inject(appConfig.KEY) private readonly app: AppConfig,
    private readonly metrics: Metrics,
  ) {}

  async send(accountEmailId: number): Promise<AccountEmailOutcome> {
    const row = await this.store.takeAccountEmail(accountEmailId);
    if (!row) return 'skipped';
    if (row.suppressed) return this.skip(accountEmailId, row.kind);

    let confirmUrl = '';
    let actionUrl = '';
    let newsletterIds: number[] = [];
    let welcome: WelcomeView | null = null;
    if (row.kind === 'welcome') {
      welcome = await this.welcomeView(row.subscriberId, row.newsletterId);
      // Left the newsletter while this waited: no welcome to it.
      if (!welcome) return this.skip(accountEmailId, row.kind);
    } else if (row.kind === 'confirmation') {
      newsletterIds = await this.readers.pendingNewsletterIds(row.subscriberId);
      // Confirmed through an earlier message, or left, while this one waited: nothing to confirm.
      if (newsletterIds.length === 0) return this.skip(accountEmailId, row.kind);
      // The raw token exists only in this message; the database keeps its hash.
      const token = randomToken();
      await this.store.setLinkToken(accountEmailId, hashToken(token), CONFIRMATION_HOURS);
      confirmUrl = this.links.confirmUrl(token);
    } else if (row.kind === 'data-export' || row.kind === 'erasure') {
      const token = randomToken();
      await this.store.setLinkToken(accountEmailId, hashToken(token), DATA_LINK_HOURS);
      actionUrl = this.links.url(`${DATA_LINKS[row.kind]}?token=${token}`);
    }

    const template = welcome ? await this.welcomeTemplate(welcome) : await this.template(row.kind, newsletterIds);
    const subject = welcome ? welcome.subject : SUBJECTS[row.kind];
    // A welcome's unsubscribe link leaves that newsletter; every other account email's leaves them all.
    const links = this.links.readerLinks(row.publicId, row.email, welcome ? welcome.newsletter.id : null);
    const values = { CONFIRM_URL: confirmUrl, ACTION_URL: actionUrl, PREFERENCES_URL: links.preferences, UNSUBSCRIBE_URL: links.unsubscribe, EMAIL: row.email };
    try {
      await this.mail.send({
        to: row.email,
        subject,
        html: template.html.fill(values),
        text: template.text.fill(values),
        headers: this.links.listUnsubscribeHeaders(links.unsubscribe),
        // Its own VERP address too (no edition): a bounce of a confirmation names the reader.
        envelope: { from: this.links.bounceAddress(null, row.publicId), to: [row.email] },
        kind: row.kind,
      });
    } catch (error) {
      this.metrics.accountEmail(row.kind, 'failed');
      const outcome = classifySmtpError(error);
      if (outcome.kind === 'retry') {
        await this.store.releaseAccountEmail(accountEmailId).catch(() => undefined);
        throw error;
      }
      // A 5xx is the relay's last word: retrying it would be refused the same way, for ever.
      await this.store.markAccountEmailFailed(accountEmailId, `SMTP ${outcome.code}: ${outcome.error}`);
      if (outcome.suppress) await this.suppression.suppress([row.subscriberId], `SMTP ${outcome.code}: ${outcome.error}`);
      this.logger.warn(`Account email ${accountEmailId} (${row.kind}) refused for good: SMTP ${outcome.code}`);
      return 'failed';
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

  /**
   * What a welcome says: the newsletter, when it comes, its latest edition in the public archive
   * and the newsroom's paragraph. Null when the reader no longer receives it.
   */
  private async welcomeView(subscriberId: number, newsletterId: number | null): Promise<WelcomeView | null> {
    const newsletter = newsletterId === null ? undefined : await this.catalogue.byId(newsletterId);
    if (!newsletter) return null;
    const reader = await this.readers.readerState(subscriberId);
    if (reader?.statuses.get(newsletter.id) !== 'active') return null;
    const [text, timetables, latest] = await Promise.all([
      this.catalogue.welcomeText(newsletter.id),
      this.catalogue.timetables(),
      this.editions.archivePage(newsletter.id, 1),
    ]);
    const timetable = timetables.find((t) => t.id === newsletter.id);
    const words = scheduleForReaders(timetable?.cron ?? null);
    const when = words && `${words}, ${timetable?.timezone === 'Europe/London' ? 'UK' : timetable?.timezone} time`;
    return welcomeView(
      newsletter,
      text,
      when,
      latest[0] ? this.links.url(webVersionPath(newsletter.slug, latest[0].id)) : null,
      this.links.url(archivePath(newsletter.slug)),
    );
  }

  /** Rendered once per version of what it says; readers' links are holes. */
  private welcomeTemplate(view: WelcomeView): Promise<AccountTemplate> {
    const key = `welcome:${JSON.stringify(view)}`;
    let template = this.rendered.get(key);
    if (!template) {
      // The newsroom edits the text: keep the few versions in use, not every one ever sent.
      for (const old of [...this.rendered.keys()].filter((k) => k.startsWith(`welcome:`)).slice(0, -20)) this.rendered.delete(old);
      template = this.renderWelcome(view);
      template.catch(() => this.rendered.delete(key));
      this.rendered.set(key, template);
    }
    return template;
  }

  private async renderWelcome(view: WelcomeView): Promise<AccountTemplate> {
    const holes = placeholders(HOLES);
    const { html, text } = await this.templates.email('welcome', {
      ...view,
      links: { email: holes.EMAIL, preferences: holes.PREFERENCES_URL, unsubscribe: holes.UNSUBSCRIBE_URL },
      notice: await this.consent.noticeView(),
      privacyPolicyUrl: this.app.privacyPolicyUrl,
    });
    return { html: new PersonalisedTemplate(html, escapeHtml), text: new PersonalisedTemplate(text) };
  }

  private async render(kind: AccountEmailKind, newsletterIds: number[]): Promise<AccountTemplate> {
    const holes = placeholders(HOLES);
    const newsletters = await this.catalogue.byIds(newsletterIds);
    const { html, text } = await this.templates.email(kind, {
      subject: SUBJECTS[kind],
      newsletters,
      confirmUrl: holes.CONFIRM_URL,
      actionUrl: holes.ACTION_URL,
      links: { email: holes.EMAIL, preferences: holes.PREFERENCES_URL, unsubscribe: holes.UNSUBSCRIBE_URL },
      notice: await this.consent.noticeView(),
      privacyPolicyUrl: this.app.privacyPolicyUrl,
    });
    return { html: new PersonalisedTemplate(html, escapeHtml), text: new PersonalisedTemplate(text) };
  }
}
