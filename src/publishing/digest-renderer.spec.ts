import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HTMLElement, parse } from 'node-html-parser';
import { templatesDir } from '../config/paths';
import { ConsentService } from '../consent/consent.service';
import { NoticeView, toNoticeView } from '../consent/notice-view';
import { SEED_NOTICE } from '../database/migrations/1764374400000-ReaderJourney';
import { escapeHtml, PersonalisedTemplate } from '../mail/personalised-template';
import { TemplateError, TemplatesService } from '../mail/templates.service';
import { DigestArticle, DigestInput, DigestRenderer, RECIPIENT_HOLES, RenderedDigest, webSummary } from './digest-renderer';

const NOTICE: NoticeView = toNoticeView(SEED_NOTICE);
const PUBLIC_URL = 'https://newsletters.example.com';
const PRIVACY_POLICY_URL = 'https://www.newstatesman.com/privacy-policy';

const SATURDAY_READ = {
  slug: 'the-saturday-read',
  name: 'The Saturday Read',
  blurb: 'Your weekly guide to the best writing on ideas, politics, books and culture every Saturday.',
};
const MORNING_CALL = {
  slug: 'morning-call',
  name: 'Morning Call',
  blurb: "The New Statesman's quick and essential guide to the news and politics of the day.",
};

function article(overrides: Partial<DigestArticle> & Pick<DigestArticle, 'title' | 'url'>): DigestArticle {
  return {
    standfirst: null,
    author: null,
    section: null,
    imageUrl: null,
    publishedAt: new Date('2023-03-01T09:00:00Z'),
    sponsored: false,
    topics: [],
    ...overrides,
  };
}

// From the seed page: the Lukashenko piece, its "Read more" links and "Content from our partners".
const LUKASHENKO = article({
  title: 'Why Alexander Lukashenko’s trip to China matters',
  url: 'https://www.newstatesman.com/world/europe/2023/03/alexander-lukashenko-trip-china-matters',
  standfirst: 'The Belarusian autocrat is a close ally of Vladimir Putin, and a useful friend in Beijing’s contest with the West.',
  author: 'Katie Stallard',
  section: 'The Staggers',
  imageUrl: 'https://images.newstatesman.com/lukashenko-xi.jpg',
  topics: ['Belarus', 'China', 'Russia'],
});
const AMMUNITION = article({
  title: 'Will Ukraine run out of ammunition?',
  url: 'https://www.newstatesman.com/world/europe/ukraine/2023/02/ukraine-run-out-ammunition',
  standfirst: 'Kyiv is firing shells faster than its allies can make them.',
  author: 'Ido Vock',
  section: 'World',
  imageUrl: 'https://images.newstatesman.com/ukraine-artillery.jpg',
});
const ULTRAS = article({
  title: 'Rage against the regime: the Belarus ultras who stood up to Lukashenko',
  url: 'https://www.newstatesman.com/world/europe/2023/02/belarus-ultras-lukashenko',
  standfirst: 'Football fans became the unlikely vanguard of the 2020 protests.',
  author: 'Katie Stallard',
  section: 'The Staggers',
});
const HODGES = article({
  title: 'Ben Hodges: “The only hope the Russians have is that the West loses the will to keep supporting Ukraine”',
  url: 'https://www.newstatesman.com/world/europe/ukraine/2023/02/ben-hodges-interview',
  standfirst: null,
  section: 'World',
});
const PEATLANDS = article({
  title: "Peatlands are nature's unsung climate warriors",
  url: 'https://www.newstatesman.com/sponsored/peatlands',
  standfirst: 'A partner on restoring bogs.',
  section: 'The Staggers',
  sponsored: true,
});
const APPRENTICESHIPS = article({
  title: 'How the apprenticeship levy helps small businesses to transform their workforce',
  url: 'https://www.newstatesman.com/sponsored/apprenticeship-levy',
  section: 'World',
  sponsored: true,
});

const ARTICLES = [LUKASHENKO, PEATLANDS, AMMUNITION, ULTRAS, APPRENTICESHIPS, HODGES];
const EDITORIAL = ARTICLES.filter((a) => !a.sponsored);
const SPONSORED = ARTICLES.filter((a) => a.sponsored);

const HOSTILE_TITLES = [
  '</mj-text><script>alert(1)</script>',
  '<mj-include path="/etc/passwd" />',
  '{{subject}}',
  '<mj-raw><img src=x onerror=alert(1)></mj-raw>',
];

function renderer(): DigestRenderer {
  const consent = { noticeView: async () => NOTICE } as unknown as ConsentService;
  return new DigestRenderer(new TemplatesService(), consent, { privacyPolicyUrl: PRIVACY_POLICY_URL, publicUrl: PUBLIC_URL });
}

const EDITION_ID = 42;

const input = (newsletter: DigestInput['newsletter'], articles: DigestArticle[] = ARTICLES): DigestInput => ({
  newsletter,
  editionId: EDITION_ID,
  subject: `${newsletter.name}: Lukashenko goes to Beijing`,
  preheader: 'Why Belarus matters to Xi Jinping, and more.',
  articles,
});

const webUrl = (slug: string) => `${PUBLIC_URL}/archive/${slug}/${EDITION_ID}`;

/** The content of a <meta> tag, by name or property. */
const meta = (dom: HTMLElement, key: string): string | undefined =>
  (dom.querySelector(`meta[name="${key}"]`) ?? dom.querySelector(`meta[property="${key}"]`))?.getAttribute('content');

/** The rendered HTML's visible text, entities decoded, whitespace collapsed. */
const visible = (node: HTMLElement): string => node.text.replace(/\s+/g, ' ');

/** Links whose visible text is exactly `text`. */
const linksTo = (dom: HTMLElement, text: string) => dom.querySelectorAll('a').filter((a) => visible(a).trim() === text);

/** The visible text of the body from "Content from our partners" up to the footer. */
function partnersBlock(html: string): string {
  const body = visible(parse(html).querySelector('body')!);
  const start = body.indexOf('Content from our partners');
  const end = body.indexOf('You receive this at');
  return start < 0 ? '' : body.slice(start, end);
}

describe('DigestRenderer', () => {
  const designs = [
    ['The Saturday Read', SATURDAY_READ],
    ['Morning Call', MORNING_CALL],
    ['the generic digest', { slug: 'a-newsletter-with-no-design', name: 'The Culture Edit', blurb: 'Books, film and the arts.' }],
  ] as const;

  describe.each(designs)('%s', (_, newsletter) => {
    let digest: RenderedDigest;
    let dom: HTMLElement;

    beforeAll(async () => {
      digest = await renderer().render(input(newsletter));
      dom = parse(digest.html);
    });

    it("opens with the editor's note, signed, above the articles in both parts; the text part at 72 columns with [n] references", async () => {
      const note = 'Good *morning*. Read [our verdict](https://example.com/verdict) first.\n\n- one\n- two';
      const noted = await renderer().render({ ...input(newsletter), note: { markdown: note, signOff: 'Jane Desk' } });
      const body = parse(noted.html).querySelector('body')!;
      const section = body.querySelector('.editor-note')!;
      expect(section.querySelector('em')?.text).toBe('morning');
      expect(section.querySelector('a')?.getAttribute('href')).toBe('https://example.com/verdict');
      expect(visible(body)).toContain('— Jane Desk');
      expect(body.toString().indexOf('Good <em>morning</em>')).toBeLessThan(body.toString().indexOf(EDITORIAL[0].title));
      const start = noted.text.indexOf('Good morning.');
      expect(start).toBeGreaterThan(0);
      expect(start).toBeLessThan(noted.text.indexOf(EDITORIAL[0].title));
      expect(noted.text).toContain('Good morning. Read our verdict [1] first.\n\n- one\n- two\n\n[1] https://example.com/verdict\n\n-- Jane Desk');
      // Without a note, nothing of it: no empty block, no stray rule.
      expect(dom.querySelector('.editor-note')).toBeNull();
      expect(digest.text).not.toContain('-----');
    });

    it('shows every article with its headline linked, in HTML and in text', () => {
      for (const a of ARTICLES) {
        const links = linksTo(dom, a.title);
        expect(links.length).toBeGreaterThanOrEqual(1);
        expect(links.every((link) => link.getAttribute('href') === a.url)).toBe(true);
        expect(digest.text).toContain(`${a.title}\n`);
        // The URL stands on its own line, so a reader of the text part can open it.
        expect(digest.text).toContain(`\n${a.url}\n`);
      }
    });

    it('shows the standfirsts, in HTML and in text', () => {
      for (const a of ARTICLES.filter((x) => x.standfirst)) {
        expect(visible(dom)).toContain(a.standfirst);
        expect(digest.text).toContain(`${a.title}\n${a.standfirst}\n`);
      }
    });

    it('puts sponsored items only under "Content from our partners", after the editorial', () => {
      const body = visible(dom.querySelector('body')!);
      const partners = partnersBlock(digest.html);
      expect(body.split('Content from our partners')).toHaveLength(2);
      for (const a of SPONSORED) {
        expect(partners).toContain(a.title);
        expect(body.split(a.title)).toHaveLength(2);
      }
      for (const a of EDITORIAL) {
        expect(partners).not.toContain(a.title);
        expect(body.indexOf(a.title)).toBeLessThan(body.indexOf('Content from our partners'));
      }

      const text = digest.text.split('CONTENT FROM OUR PARTNERS');
      expect(text).toHaveLength(2);
      for (const a of SPONSORED) {
        expect(text[0]).not.toContain(a.title);
        expect(text[1]).toContain(a.title);
      }
      for (const a of EDITORIAL) expect(text[1]).not.toContain(a.title);
    });

    it('leaves out the partners block when an edition has no sponsored items', async () => {
      const plain = await renderer().render(input(newsletter, EDITORIAL));
      expect(plain.html).not.toContain('Content from our partners');
      expect(plain.text).not.toMatch(/partners/i);
    });

    it('carries the newsletter name, subject and preheader', () => {
      expect(dom.querySelector('title')!.text).toBe(`${newsletter.name}: Lukashenko goes to Beijing`);
      expect(visible(dom)).toContain('Why Belarus matters to Xi Jinping, and more.');
      expect(visible(dom.querySelector('body')!)).toContain(newsletter.name);
      expect(digest.text).toContain(`${newsletter.name}\n`);
      expect(visible(dom)).toContain(newsletter.blurb);
      expect(digest.text).toContain(newsletter.blurb);
    });

    it('hides the preheader first in the body the way that trips no spam rule: no colour, no tiny font, hidden in Gmail, Apple Mail and Outlook', () => {
      const body = dom.querySelector('body')!;
      const preheader = body.querySelectorAll('*').find((node) => node.text.trim() === 'Why Belarus matters to Xi Jinping, and more.' && node.childNodes.length === 1)!;
      expect(preheader).toBeDefined();
      // The first text in the body, so inbox previews show it before "View in browser".
      expect(visible(body).trim().startsWith('Why Belarus matters to Xi Jinping, and more.')).toBe(true);
      const style = Object.fromEntries(
        (preheader.getAttribute('style') ?? '')
          .split(';')
          .filter((rule) => rule.includes(':'))
          .map((rule) => rule.split(':').map((part) => part.trim().toLowerCase())),
      );
      // display:none for Gmail and Apple Mail, mso-hide:all for Outlook's Word engine, max-height and overflow where display is stripped.
      expect(style).toEqual({ display: 'none', 'max-height': '0', overflow: 'hidden', 'mso-hide': 'all' });
      expect(preheader.getAttribute('aria-hidden')).toBe('true');
      // SpamAssassin's HTML_FONT_LOW_CONTRAST fires on text coloured like its background (MJML's mj-preview sets #ffffff).
      for (const node of [preheader, ...preheader.querySelectorAll('*')]) expect(node.getAttribute('style') ?? '').not.toMatch(/color|font-size|opacity/i);
      expect(preheader.querySelectorAll('font')).toHaveLength(0);
    });

    it('ends with the privacy notice and the links to manage or leave, as placeholders filled per reader', () => {
      expect(visible(dom)).toContain(NOTICE.text);
      expect(visible(dom)).toContain('Progressive Media Investments');
      expect(dom.querySelector(`a[href="${PRIVACY_POLICY_URL}"]`)).not.toBeNull();
      expect(digest.text).toContain(NOTICE.text);
      expect(digest.text).toContain(PRIVACY_POLICY_URL);

      const html = new PersonalisedTemplate(digest.html, escapeHtml, digest.nonce);
      const text = new PersonalisedTemplate(digest.text, undefined, digest.nonce);
      expect(new Set(html.keys)).toEqual(new Set(RECIPIENT_HOLES));
      expect(new Set(text.keys)).toEqual(new Set(RECIPIENT_HOLES));

      const values = { EMAIL: "o'brien@example.com", PREFERENCES_TOKEN: 'AQAAAAEAAA.abc&1', UNSUBSCRIBE_TOKEN: 'AQAAAAEAAA.def&2' };
      const preferences = `${PUBLIC_URL}/preferences?token=AQAAAAEAAA.abc&1`;
      const unsubscribe = `${PUBLIC_URL}/unsubscribe?token=AQAAAAEAAA.def&2`;
      const filled = parse(html.fill(values));
      expect(linksTo(filled, 'Manage your newsletters')[0].getAttribute('href')).toBe(preferences);
      expect(linksTo(filled, 'unsubscribe')[0].getAttribute('href')).toBe(unsubscribe);
      expect(visible(filled)).toContain(`You receive this at ${values.EMAIL}.`);

      const plain = text.fill(values);
      expect(plain).toContain(`Manage your newsletters: ${preferences}\n`);
      expect(plain).toContain(`Unsubscribe: ${unsubscribe}\n`);
      expect(plain).toContain(`You receive this at ${values.EMAIL}.`);
    });

    it('links "View in browser" to the web version, above the masthead, in HTML and in text', () => {
      const [link] = linksTo(dom, 'View in browser');
      expect(link.getAttribute('href')).toBe(webUrl(newsletter.slug));
      const body = visible(dom.querySelector('body')!);
      expect(body.indexOf('View in browser')).toBeLessThan(body.indexOf('New Statesman'));
      expect(digest.text.split('\n')[0]).toBe(`View in browser: ${webUrl(newsletter.slug)}`);
    });

    it('uses the nonce it is given, so another process can fill the edition', async () => {
      const nonce = 'C0FFEE0123456789';
      const digest = await renderer().render(input(newsletter), nonce);
      expect(digest.nonce).toBe(nonce);
      for (const part of [digest.html, digest.text]) {
        expect(new Set(new PersonalisedTemplate(part, undefined, nonce).keys)).toEqual(new Set(RECIPIENT_HOLES));
        expect(new PersonalisedTemplate(part).keys).toEqual([]);
      }
    });

    it('renders hostile article text as visible text, never as markup', async () => {
      const hostile = HOSTILE_TITLES.map((title, i) =>
        article({ title, url: `https://www.newstatesman.com/hostile/${i}`, standfirst: title, author: title, section: title, topics: [title] }),
      );
      const sponsoredHostile = article({ title: HOSTILE_TITLES[0] + ' (partner)', url: 'https://example.com/p', sponsored: true });
      const digest = await renderer().render(input(newsletter, [...hostile, sponsoredHostile]));
      const dom = parse(digest.html);

      expect(dom.querySelectorAll('script')).toHaveLength(0);
      expect(dom.querySelectorAll('img').filter((img) => img.hasAttribute('onerror'))).toHaveLength(0);
      expect(dom.querySelectorAll('img')).toHaveLength(0);
      expect(digest.html).not.toMatch(/<mj-|root:x:0:0/);
      // Handlebars did not evaluate the article's "{{subject}}": it stays as the reader would see it.
      expect(digest.html).not.toContain('Lukashenko goes to Beijing</a>');
      for (const title of HOSTILE_TITLES) {
        expect(linksTo(dom, title).length).toBeGreaterThanOrEqual(1);
        expect(digest.text).toContain(`${title}\n`);
      }
      expect(linksTo(dom, `${HOSTILE_TITLES[0]} (partner)`)).toHaveLength(1);
      // The MJML structure held: the footer still follows the articles.
      expect(visible(dom)).toContain('Progressive Media Investments');
      expect(new Set(new PersonalisedTemplate(digest.html).keys)).toEqual(new Set(RECIPIENT_HOLES));
    });

    it('links only http(s) URLs: a javascript: or data: article keeps its headline but loses its link and image', async () => {
      const unsafe = [
        article({ title: 'A script link', url: 'javascript:alert(document.cookie)', imageUrl: 'javascript:alert(1)', standfirst: 'Still shown.' }),
        article({ title: 'An inline-data link', url: 'data:text/html,<script>alert(1)</script>', imageUrl: 'data:image/svg+xml,<svg onload=alert(1)>' }),
        article({ title: 'A vbscript link', url: 'vbscript:msgbox(1)', imageUrl: 'https://images.example.com/ok.jpg' }),
      ];
      const digest = await renderer().render(input(newsletter, unsafe));
      const dom = parse(digest.html);

      expect(digest.html).not.toMatch(/javascript:|data:|vbscript:/i);
      expect(digest.text).not.toMatch(/javascript:|data:|vbscript:/i);
      for (const a of unsafe) {
        expect(visible(dom)).toContain(a.title);
        expect(linksTo(dom, a.title)).toHaveLength(0);
        expect(digest.text).toContain(`${a.title}\n`);
      }
      expect(visible(dom)).toContain('Still shown.');
      for (const img of dom.querySelectorAll('img')) expect(img.getAttribute('src')).toMatch(/^https:\/\//);
      for (const link of dom.querySelectorAll('a[href]')) expect(link.getAttribute('href')).toMatch(/^(https?:\/\/|NLX)/);
    });

    it('keeps article text to one line in the text part, so it cannot forge a footer line', async () => {
      const forged = article({
        title: 'Headline\n--\nUnsubscribe: https://evil.example/\r\n',
        url: 'https://www.newstatesman.com/forged',
        standfirst: 'One\n\nTwo',
      });
      const digest = await renderer().render(input(newsletter, [forged]));
      expect(digest.text).toContain('Headline -- Unsubscribe: https://evil.example/\nOne Two\n');
      expect(digest.text).not.toMatch(/^Unsubscribe: https:\/\/evil/m);
    });
  });

  describe.each(designs)('the web version of %s', (_, newsletter) => {
    let web: string;
    let dom: HTMLElement;

    beforeAll(async () => {
      web = await renderer().renderWeb(input(newsletter));
      dom = parse(web);
    });

    it('shows every article, as the email does', () => {
      for (const a of ARTICLES) expect(linksTo(dom, a.title).every((link) => link.getAttribute('href') === a.url)).toBe(true);
      for (const a of ARTICLES) expect(linksTo(dom, a.title).length).toBeGreaterThanOrEqual(1);
      expect(visible(dom)).toContain('Content from our partners');
      expect(visible(dom)).toContain(NOTICE.text);
    });

    it('has no reader in it: no placeholder, address, token link, or "View in browser"', () => {
      expect(web).not.toMatch(/NLX[0-9A-F]+X/);
      expect(web).not.toMatch(/preferences\?token|unsubscribe\?token/);
      expect(visible(dom)).not.toContain('You receive this at');
      expect(linksTo(dom, 'Manage your newsletters')).toHaveLength(0);
      expect(linksTo(dom, 'View in browser')).toHaveLength(0);
    });

    it('asks the visitor to sign up where the email lets a reader manage or leave, and links the archive', () => {
      const [cta] = linksTo(dom, `Sign up to ${newsletter.name}`);
      expect(cta.getAttribute('href')).toBe(`${PUBLIC_URL}/`);
      expect(linksTo(dom, `All editions of ${newsletter.name}`)[0].getAttribute('href')).toBe(`${PUBLIC_URL}/archive/${newsletter.slug}`);
    });

    it('carries a title naming the newsletter, a description and Open Graph tags', () => {
      const subject = `${newsletter.name}: Lukashenko goes to Beijing`;
      expect(dom.querySelector('title')!.text).toBe(`${subject} | New Statesman`);
      expect(meta(dom, 'description')).toBe('Why Belarus matters to Xi Jinping, and more.');
      expect(meta(dom, 'og:title')).toBe(subject);
      expect(meta(dom, 'og:description')).toBe('Why Belarus matters to Xi Jinping, and more.');
      expect(meta(dom, 'og:type')).toBe('article');
      expect(meta(dom, 'og:url')).toBe(webUrl(newsletter.slug));
      expect(meta(dom, 'og:image')).toBe(LUKASHENKO.imageUrl);
      expect(dom.querySelector('link[rel="canonical"]')!.getAttribute('href')).toBe(webUrl(newsletter.slug));
      expect(dom.querySelector('head meta[name="description"]')).not.toBeNull();
    });

    it('keeps hostile text as text in its head too', async () => {
      const hostile = '"><script>alert(1)</script></mj-raw>';
      const page = await renderer().renderWeb({ ...input(newsletter, [article({ title: hostile, url: 'https://example.com/h', standfirst: hostile })]), subject: hostile, preheader: null });
      const dom = parse(page);
      expect(dom.querySelectorAll('script')).toHaveLength(0);
      expect(meta(dom, 'og:title')).toBe(hostile);
      expect(meta(dom, 'description')).toBe(hostile);
      expect(meta(dom, 'og:image')).toBeUndefined();
    });
  });

  describe('rendering for sending', () => {
    it('gives the email, exactly as render does, and its web version', async () => {
      const r = renderer();
      const nonce = 'C0FFEE0123456789';
      const sending = await r.renderForSending(input(MORNING_CALL), nonce);
      const email = await r.render(input(MORNING_CALL), nonce);
      expect({ html: sending.html, text: sending.text, nonce: sending.nonce }).toEqual(email);
      expect(sending.webHtml).toBe(await r.renderWeb(input(MORNING_CALL)));
    });
  });

  describe("the web version's summary", () => {
    const base = input(MORNING_CALL);

    it('describes the edition by its preheader, else the lead standfirst, else the newsletter', () => {
      expect(webSummary(base).description).toBe('Why Belarus matters to Xi Jinping, and more.');
      expect(webSummary({ ...base, preheader: '  ' }).description).toBe(LUKASHENKO.standfirst);
      expect(webSummary({ ...base, preheader: null, articles: [HODGES] }).description).toBe(MORNING_CALL.blurb);
    });

    it('takes the lead from the editorial, never a partner, and its image only when it has one', () => {
      expect(webSummary({ ...base, preheader: null, articles: [PEATLANDS, AMMUNITION] })).toMatchObject({
        description: AMMUNITION.standfirst,
        image: AMMUNITION.imageUrl,
      });
      expect(webSummary({ ...base, articles: [ULTRAS, AMMUNITION] }).image).toBe('');
      expect(webSummary({ ...base, articles: [article({ title: 'x', url: 'https://e.com', imageUrl: 'javascript:alert(1)' })] }).image).toBe('');
    });

    it('names the newsletter in the title when the subject does not', () => {
      expect(webSummary(base).title).toBe('Morning Call: Lukashenko goes to Beijing | New Statesman');
      expect(webSummary({ ...base, subject: 'Lukashenko goes to Beijing' }).title).toBe('Lukashenko goes to Beijing | Morning Call | New Statesman');
    });

    it('keeps the description to 300 characters', () => {
      const long = 'word '.repeat(100);
      const { description } = webSummary({ ...base, preheader: long });
      expect(description).toHaveLength(300);
      expect(description).toBe(`${'word '.repeat(59)}word…`);
    });
  });

  describe('The Saturday Read', () => {
    it('shows each long read with its image, section, standfirst and author', async () => {
      const digest = await renderer().render(input(SATURDAY_READ));
      const dom = parse(digest.html);
      const images = dom.querySelectorAll('img');
      expect(images.map((img) => img.getAttribute('src'))).toEqual([LUKASHENKO.imageUrl, AMMUNITION.imageUrl]);
      expect(images[0].getAttribute('alt')).toBe(LUKASHENKO.title);
      expect(images[0].closest('a')!.getAttribute('href')).toBe(LUKASHENKO.url);

      const body = visible(dom.querySelector('body')!);
      const lukashenko = body.slice(body.indexOf('The Staggers'), body.indexOf(AMMUNITION.title));
      expect(lukashenko).toMatch(/The Staggers\s+Why Alexander Lukashenko’s trip to China matters\s+The Belarusian autocrat/);
      expect(lukashenko).toContain('By Katie Stallard · 1 March 2023');
      expect(digest.text).toContain(
        [
          'The Staggers · 1 March 2023',
          LUKASHENKO.title,
          LUKASHENKO.standfirst,
          'By Katie Stallard',
          LUKASHENKO.url,
        ].join('\n'),
      );
      expect(body).toContain(SATURDAY_READ.blurb);
    });
  });

  describe('Morning Call', () => {
    it('groups the editorial headlines by section, without images', async () => {
      const digest = await renderer().render(input(MORNING_CALL));
      const dom = parse(digest.html);
      expect(dom.querySelectorAll('img')).toHaveLength(0);

      const body = visible(dom.querySelector('body')!);
      const staggers = body.indexOf('The Staggers');
      const world = body.indexOf('World');
      // Sections in the order their first article appears, each article under its own section.
      expect(staggers).toBeGreaterThan(-1);
      expect(world).toBeGreaterThan(staggers);
      for (const a of [LUKASHENKO, ULTRAS]) {
        expect(body.indexOf(a.title)).toBeGreaterThan(staggers);
        expect(body.indexOf(a.title)).toBeLessThan(world);
      }
      for (const a of [AMMUNITION, HODGES]) expect(body.indexOf(a.title)).toBeGreaterThan(world);
      // Each section heading appears once, though two articles share it (the sponsored ones do not count).
      expect(body.slice(0, body.indexOf('Content from our partners')).split('The Staggers')).toHaveLength(2);

      const text = digest.text;
      const staggersText = text.indexOf('== The Staggers ==');
      const worldText = text.indexOf('== World ==');
      expect(staggersText).toBeGreaterThan(-1);
      expect(worldText).toBeGreaterThan(staggersText);
      for (const a of [LUKASHENKO, ULTRAS]) {
        expect(text.indexOf(a.title)).toBeGreaterThan(staggersText);
        expect(text.indexOf(a.title)).toBeLessThan(worldText);
      }
      for (const a of [AMMUNITION, HODGES]) expect(text.indexOf(a.title)).toBeGreaterThan(worldText);
      expect(text).toContain(`== The Staggers ==\n\n${LUKASHENKO.title}\n${LUKASHENKO.standfirst}\n${LUKASHENKO.url}\n`);
    });

    it('puts articles with no section last, under "Also today"', async () => {
      const loose = article({ title: 'A piece with no section', url: 'https://www.newstatesman.com/loose' });
      const digest = await renderer().render(input(MORNING_CALL, [loose, LUKASHENKO]));
      const body = visible(parse(digest.html).querySelector('body')!);
      expect(body.indexOf('The Staggers')).toBeLessThan(body.indexOf('Also today'));
      expect(body.indexOf('Also today')).toBeLessThan(body.indexOf(loose.title));
      expect(digest.text).toContain(`== Also today ==\n\n${loose.title}\n${loose.url}\n`);
    });
  });

  describe('choosing a design', () => {
    it("uses a newsletter's own design when it has one, else the generic digest", () => {
      const r = renderer();
      expect(r.design('the-saturday-read')).toBe('the-saturday-read');
      expect(r.design('morning-call')).toBe('morning-call');
      expect(r.design('no-such-newsletter')).toBe('digest');
      expect(r.design('../email/confirmation')).toBe('digest');
      expect(r.design('partials/footer')).toBe('digest');
    });
  });

  describe('a broken design', () => {
    const saved = process.env.TEMPLATES_DIR;
    let dir: string;

    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'nl-templates-'));
      cpSync(templatesDir(), dir, { recursive: true });
    });

    afterEach(() => {
      if (saved === undefined) delete process.env.TEMPLATES_DIR;
      else process.env.TEMPLATES_DIR = saved;
      rmSync(dir, { recursive: true, force: true });
    });

    function rendererIn(directory: string): DigestRenderer {
      process.env.TEMPLATES_DIR = directory;
      const consent = { noticeView: async () => NOTICE } as unknown as ConsentService;
      return new DigestRenderer(new TemplatesService(), consent, { privacyPolicyUrl: PRIVACY_POLICY_URL, publicUrl: PUBLIC_URL });
    }

    it('fails with a TemplateError naming the template when the MJML is invalid', async () => {
      const path = join(dir, 'email', 'the-saturday-read.mjml');
      // An mj-text straight inside mj-body is not valid MJML.
      writeFileSync(path, readFileSync(path, 'utf8').replace('{{> masthead}}', '<mj-text>{{subject}}</mj-text>'));
      const error = await rendererIn(dir)
        .render(input(SATURDAY_READ))
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TemplateError);
      expect((error as Error).message).toMatch(/^Email template the-saturday-read is not valid MJML: .*mj-text/s);
    });

    it('fails with a TemplateError naming the template when a partial is missing', async () => {
      rmSync(join(dir, 'email', 'partials', 'digest-article.mjml'));
      const error = await rendererIn(dir)
        .render(input(SATURDAY_READ))
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TemplateError);
      expect((error as Error).message).toMatch(/^Email template the-saturday-read could not be rendered: .*digest-article/);
    });

    it('falls back to the generic digest when a newsletter has only half a design', async () => {
      rmSync(join(dir, 'email', 'morning-call.txt'));
      const r = rendererIn(dir);
      expect(r.design('morning-call')).toBe('digest');
      const digest = await r.render(input(MORNING_CALL));
      expect(digest.text).toContain(LUKASHENKO.title);
    });
  });
});
