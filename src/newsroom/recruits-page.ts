import { Inject, Injectable } from '@nestjs/common';
import { AppConfig, appConfig, EmbedConfig, embedConfig } from '../config/config';
import { ConsentService } from '../consent/consent.service';
import { RecruitCounts, sinceDate } from '../consent/recruits';
import { NewslettersService } from '../newsletters/newsletters.service';

export const RECRUIT_PERIODS = [7, 30, 90] as const;

const WAYS: Record<string, string> = {
  script: 'The script on an article',
  iframe: 'The iframe on an article',
  form: 'The form without JavaScript (no proof of work)',
  page: 'This service’s own sign-up page',
  api: 'The JSON API',
};

const percent = (rate: number | null) => (rate === null ? '–' : `${Math.round(rate * 100)}%`);

/** The newsroom's "Which articles recruit readers" and "Sign-up forms" pages, as their templates show them. */
@Injectable()
export class NewsroomRecruits {
  constructor(
    private readonly consent: ConsentService,
    private readonly catalogue: NewslettersService,
    @Inject(embedConfig.KEY) private readonly embed: EmbedConfig,
    @Inject(appConfig.KEY) private readonly app: AppConfig,
  ) {}

  async report(days: number) {
    const newsletters = await this.catalogue.list();
    const report = await this.consent.recruits(sinceDate(`${days}d`, new Date())!);
    const cells = (counts: RecruitCounts) => ({
      signups: counts.signups,
      confirmations: counts.confirmations,
      rate: percent(counts.rate),
      perNewsletter: newsletters.map((n) => counts.byNewsletter[n.id] ?? { signups: 0, confirmations: 0 }),
    });
    return {
      days,
      periods: RECRUIT_PERIODS.map((d) => ({ days: d, current: d === days })),
      since: report.since,
      newsletters: newsletters.map((n) => ({ name: n.name })),
      total: cells(report.total),
      articles: report.articles.map((a) => ({ title: a.title, section: a.section, ...cells(a) })),
      sections: report.sections.map((s) => ({ section: s.section, ...cells(s) })),
      pages: report.pages.map((p) => ({ page: p.page, ...cells(p) })),
      ways: report.ways.map((w) => ({ label: WAYS[w.via] ?? w.via, via: w.via, ...cells(w) })),
    };
  }

  /** The dashboard's five articles that won the most sign-ups in the last seven days. */
  async topOfWeek() {
    const report = await this.consent.recruits(sinceDate('7d', new Date())!);
    return report.articles.slice(0, 5).map((a) => ({ title: a.title, signups: a.signups, confirmations: a.confirmations, rate: percent(a.rate) }));
  }

  /** The "Sign-up forms" page: the chosen options, and the three snippets that put that box on a page. */
  async forms(chosen: string[], sectors: boolean) {
    const newsletters = await this.catalogue.list();
    const picked = newsletters.filter((n) => chosen.includes(n.slug)).map((n) => n.slug);
    const base = this.app.publicUrl;
    const list = picked.join(',');
    const attrs = `${list ? ` data-newsletters="${list}"` : ''}${sectors ? '' : ' data-sectors="off"'}`;
    const script = `<div data-newsletter-signup${attrs}></div>\n<script src="${base}/embed.js" async></script>`;
    const query = new URLSearchParams({ ...(list ? { newsletters: list } : {}), ...(sectors ? {} : { sectors: 'off' }) }).toString();
    const frameSrc = `${base}/embed${query ? `?${query}` : ''}`;
    const iframe = [
      `<iframe id="newsletter-signup" title="Sign up to our newsletters" src="${frameSrc}" style="width:100%;max-width:40rem;border:0" height="640" loading="lazy"></iframe>`,
      '<script>',
      '(function (frame) {',
      `  var from = ${JSON.stringify(new URL(base).origin)};`,
      "  var article = (document.querySelector('link[rel=canonical]') || location).href;",
      "  frame.src += (frame.src.indexOf('?') < 0 ? '?' : '&') + 'article=' + encodeURIComponent(article);",
      "  addEventListener('message', function (event) {",
      "    if (event.origin === from && event.source === frame.contentWindow && event.data && event.data.type === 'newsletter-signup:height') frame.style.height = event.data.height + 'px';",
      '  });',
      "})(document.getElementById('newsletter-signup'));",
      '</script>',
    ].join('\n');
    const shown = picked.length > 0 ? newsletters.filter((n) => picked.includes(n.slug)) : newsletters;
    const form = [
      `<form action="${base}/subscribe" method="post">`,
      '  <input type="hidden" name="articleUrl" value="ARTICLE URL HERE">',
      ...shown.map((n) => `  <label><input type="checkbox" name="newsletters" value="${n.slug}"${shown.length === 1 ? ' checked' : ''}> ${n.name}</label>`),
      '  <label>Email address <input type="email" name="email" autocomplete="email" required></label>',
      '  <div style="position:absolute;left:-10000px" aria-hidden="true"><label>Leave this field empty <input type="text" name="website" tabindex="-1" autocomplete="off"></label></div>',
      '  <button type="submit">Sign up</button>',
      '</form>',
    ].join('\n');
    return {
      enabled: this.embed.origins.length > 0,
      origins: this.embed.origins,
      newsletters: newsletters.map((n) => ({ slug: n.slug, name: n.name, checked: picked.includes(n.slug) })),
      sectors,
      attrs: { newsletters: list, sectors: sectors ? 'on' : 'off' },
      snippets: { script, iframe, form },
    };
  }
}
