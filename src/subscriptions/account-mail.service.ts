import { Inject, Injectable, Logger } from '@nestjs/common';
import { AppConfig, appConfig } from '../config/config';
import { ConsentService } from '../consent/consent.service';
import { Db } from '../database/db.service';
import { MailService } from '../mail/mail.service';
import { escapeHtml, PersonalisedTemplate, placeholders } from '../mail/personalised-template';
import { TemplatesService } from '../mail/templates.service';
import { NewslettersService } from '../newsletters/newsletters.service';
import { hashToken, randomToken } from '../tokens/link-tokens';
import { LinksService } from '../tokens/links.service';
import { AccountEmailKind } from './account-email.entity';
import { SubscriptionsService } from './subscriptions.service';

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
    private readonly db: Db,
    private readonly mail: MailService,
    private readonly templates: TemplatesService,
    private readonly links: LinksService,
    private readonly consent: ConsentService,
    private readonly catalogue: NewslettersService,
    private readonly subscriptions: SubscriptionsService,
    @Inject(appConfig.KEY) private readonly app: AppConfig,
  ) {}

  async send(accountEmailId: number): Promise<AccountEmailOutcome> {
    const found = await this.db.query<{ subscriber_id: number; kind: AccountEmailKind; email: string; suppressed: number }>(
      `SELECT a.subscriber_id, a.kind, s.email, CASE WHEN s.suppressed_at IS NULL THEN 0 ELSE 1 END AS suppressed
       FROM account_emails a JOIN subscribers s ON s.id = a.subscriber_id
       WHERE a.id = $1 AND a.sent_at IS NULL AND a.expires_at > ${this.db.now}`,
      [accountEmailId],
    );
    const row = found.rows[0];
    if (!row || Number(row.suppressed) === 1) return 'skipped';
    const subscriberId = Number(row.subscriber_id);

    let confirmUrl = '';
    let newsletterIds: number[] = [];
    if (row.kind === 'confirmation') {
      const pending = await this.db.query<{ newsletter_id: number }>(
        `SELECT newsletter_id FROM subscriptions WHERE subscriber_id = $1 AND status = 'pending' ORDER BY newsletter_id`,
        [subscriberId],
      );
      newsletterIds = pending.rows.map((r) => Number(r.newsletter_id));
      // Confirmed through an earlier message, or left, while this one waited: nothing to confirm.
      if (newsletterIds.length === 0) return 'skipped';
      // The raw token exists only in this message; the database keeps its hash.
      const token = randomToken();
      await this.db.query(`UPDATE account_emails SET token_hash = $2 WHERE id = $1 AND sent_at IS NULL`, [
        accountEmailId,
        hashToken(token),
      ]);
      confirmUrl = this.links.confirmUrl(token);
    }

    const template = await this.template(row.kind, newsletterIds);
    const links = this.links.readerLinks(subscriberId, row.email, null);
    const values = { CONFIRM_URL: confirmUrl, PREFERENCES_URL: links.preferences, UNSUBSCRIBE_URL: links.unsubscribe, EMAIL: row.email };
    await this.mail.send({
      to: row.email,
      subject: SUBJECTS[row.kind],
      html: template.html.fill(values),
      text: template.text.fill(values),
      headers: this.links.listUnsubscribeHeaders(links.unsubscribe),
    });
    await this.db.query(`UPDATE account_emails SET sent_at = ${this.db.now} WHERE id = $1`, [accountEmailId]);
    return 'sent';
  }

  /** Account emails whose job was lost (a crash between commit and enqueue) are queued again. */
  async requeueUnsent(): Promise<number> {
    const unsent = await this.db.query<{ id: number }>(
      `SELECT id FROM account_emails WHERE sent_at IS NULL AND expires_at > ${this.db.now} AND created_at > ${this.db.nowPlus(-3600)}`,
    );
    for (const { id } of unsent.rows) await this.subscriptions.queueAccountEmail(Number(id));
    if (unsent.rows.length > 0) this.logger.log(`Re-queued ${unsent.rows.length} unsent account emails`);
    return unsent.rows.length;
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
    const newsletters = (await this.catalogue.list()).filter((n) => newsletterIds.includes(n.id));
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
