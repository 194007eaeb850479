import { parse } from 'node-html-parser';
import { ClickCodes, TEST_SEGMENT } from '../src/clicks/click-codes';
import { ClicksService } from '../src/clicks/clicks.service';
import { Db } from '../src/database/db.service';
import { RedisWatch } from '../src/queue/redis-watch';
import { startApp, TestApp } from './support/app';
import { seedAudience } from './support/audience';
import { EDITOR_TOKEN, editorApi, insertArticles } from './support/editor';
import { createEditor, signIn } from './support/newsroom';
import { OwnRedis } from './support/own-redis';
import { ReceivedMail } from './support/smtp';

const BROWSER = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15';
const EDITOR = 'desk@newstatesman.test';

const ARTICLES = [
  { url: 'https://www.newstatesman.com/politics/2026/01/the-first-year', title: 'The first year', section: 'Politics' },
  { url: 'https://www.newstatesman.com/culture/2026/01/books-of-the-month', title: 'Books of the month', section: 'Culture' },
  { url: 'https://www.newstatesman.com/politics/2026/01/the-by-election', title: 'The by-election', section: 'Politics' },
  { url: 'https://partner.example/a-word-from-our-sponsor', title: 'A word from our sponsor', sponsored: true },
];

let ips = 0;
/** A client address of its own, so one test's clicks never make a burst with another's. */
const nextIp = () => `10.77.${Math.floor(++ips / 250)}.${(ips % 250) + 1}`;

/** Every counted link in a message (HTML and text), in order of appearance. */
function trackedLinks(t: TestApp, content: string): string[] {
  return [...content.matchAll(new RegExp(`${t.url}/r/[A-Za-z0-9_-]+`, 'g'))].map((m) => m[0]);
}

async function follow(url: string, options: { ip?: string; userAgent?: string | null; method?: string } = {}): Promise<Response> {
  const headers: Record<string, string> = { 'x-forwarded-for': options.ip ?? nextIp() };
  // null: an empty User-Agent header (fetch would otherwise say "node").
  headers['user-agent'] = options.userAgent === null ? '' : (options.userAgent ?? BROWSER);
  return fetch(url, { method: options.method ?? 'GET', redirect: 'manual', headers });
}

describe('clicks, counted without tracking anyone', () => {
  const redis = new OwnRedis();
  let t: TestApp;
  let api: ReturnType<typeof editorApi>;
  let readers: string[];
  let articleIds: number[];
  let editionId: number;
  let digests: ReceivedMail[];
  /** Article id → the counted link every reader got for it. */
  const linkOf = new Map<number, string>();
  const codes = new ClickCodes(process.env.APP_SECRET!);

  const flush = () => t.app.get(ClicksService).flush();
  const report = async () => (await api.get(`/api/editions/${editionId}/clicks`)).json;
  const byArticle = (r: any, articleId: number) => r.articles.find((a: { articleId: number }) => a.articleId === articleId);

  beforeAll(async () => {
    await redis.start();
    // Flushed only when a test says so, so each test knows what is in PostgreSQL.
    t = await startApp({ env: { EDITOR_TOKEN, REDIS_URL: redis.url, CLICK_FLUSH_SECONDS: '3600' } });
    api = editorApi(t);
    readers = (await seedAudience(t, 'morning-call', { active: 4 }, 'clk')).active;
    articleIds = await insertArticles(t, ARTICLES);
    await createEditor(t, EDITOR);
  });

  afterAll(async () => {
    await t?.close();
    await redis.stop();
  });

  it('sends every reader the same counted article links, naming no one', async () => {
    const composed = await api.post('/api/newsletters/morning-call/editions', { articleIds });
    expect(composed.status).toBe(201);
    editionId = composed.json.id;
    expect((await api.post(`/api/editions/${editionId}/send`)).status).toBe(202);
    await api.waitForEdition(editionId, ['sent']);
    digests = readers.map((email) => t.smtp.to(email)[0]);
    expect(digests.every(Boolean)).toBe(true);

    const perReader = digests.map((mail) => ({
      html: trackedLinks(t, String(mail.parsed.html)),
      text: trackedLinks(t, String(mail.parsed.text)),
      hrefs: parse(String(mail.parsed.html))
        .querySelectorAll('a')
        .map((a) => a.getAttribute('href') ?? ''),
    }));
    // One link per article (the image links the same one), identical in every reader's copy.
    for (const copy of perReader) {
      expect(copy.html).toEqual(perReader[0].html);
      expect(copy.text).toEqual(perReader[0].text);
      expect(new Set(copy.text).size).toBe(ARTICLES.length);
      expect(new Set(copy.html)).toEqual(new Set(copy.text));
    }
    const links = [...new Set(perReader[0].text)];
    for (const link of links) {
      const claims = codes.verify(link.split('/r/')[1]);
      expect(claims).toMatchObject({ editionId, segment: 0 });
      linkOf.set(claims!.articleId, link);
    }
    expect([...linkOf.keys()].sort()).toEqual([...articleIds].sort());

    for (const [index, mail] of digests.entries()) {
      // No article is linked directly, editorial or partner, in either part.
      for (const article of ARTICLES) {
        expect(perReader[index].hrefs).not.toContain(article.url);
        expect(String(mail.parsed.text)).not.toContain(article.url);
      }
      for (const link of links) {
        expect(link).not.toContain(readers[index]);
        expect(link).not.toContain('token');
      }
      // The footer's own links and "View in browser" are not counted links.
      expect(perReader[index].hrefs.some((href) => href.includes('/unsubscribe?token='))).toBe(true);
      expect(perReader[index].hrefs).toContain(`${t.url}/archive/morning-call/${editionId}`);
    }

    // The web version links to the articles themselves.
    const web = await (await fetch(`${t.url}/archive/morning-call/${editionId}`)).text();
    expect(web).toContain(ARTICLES[0].url);
    expect(trackedLinks(t, web)).toEqual([]);
  });

  it('redirects a reader to the article as it was when the edition was sent, with no database write per click', async () => {
    // The article moves afterwards; the edition's links do not.
    await t.db.query(`UPDATE articles SET url = $2 WHERE id = $1`, [articleIds[0], 'https://www.newstatesman.com/moved']);
    // Only the statements of the redirect's tables (other parts of the app may query meanwhile).
    const spy = jest.spyOn(t.app.get(Db), 'query');
    const queries = {
      get length() {
        return spy.mock.calls.filter(([sql]) => /\b(edition_links|edition_clicks|edition_articles|articles)\b/.test(sql)).length;
      },
    };
    try {
      const first = await follow(linkOf.get(articleIds[0])!);
      expect(first.status).toBe(302);
      expect(first.headers.get('location')).toBe(ARTICLES[0].url);
      // Never cached: a second click is a second request, and a shared cache keeps nothing of it.
      expect(first.headers.get('cache-control')).toBe('no-store');
      const queriesForFirst = queries.length;
      for (let i = 0; i < 2; i += 1) {
        const again = await follow(linkOf.get(articleIds[0])!);
        expect(again.status).toBe(302);
        expect(again.headers.get('location')).toBe(ARTICLES[0].url);
      }
      const partner = await follow(linkOf.get(articleIds[3])!);
      expect(partner.status).toBe(302);
      expect(partner.headers.get('location')).toBe(ARTICLES[3].url);
      // At most the first click of the edition in this process read its links; none wrote.
      expect(queriesForFirst).toBeLessThanOrEqual(1);
      expect(queries.length).toBe(queriesForFirst);
    } finally {
      spy.mockRestore();
    }
    expect(await t.rows(`SELECT * FROM edition_clicks`)).toEqual([]);
  });

  it('counts clicks per link and segment in PostgreSQL after a flush', async () => {
    expect(await flush()).toBe(2);
    const rows = await t.rows<{ article_id: number; segment: number; clicks: number }>(
      `SELECT article_id, segment, clicks FROM edition_clicks WHERE edition_id = $1 ORDER BY article_id`,
      [editionId],
    );
    expect(rows.map((r) => [Number(r.article_id), Number(r.segment), Number(r.clicks)])).toEqual([
      [articleIds[0], 0, 3],
      [articleIds[3], 0, 1],
    ]);
    const figures = await report();
    expect(figures).toMatchObject({ editionId, delivered: 4, clicks: 4, clickRate: 1, discounted: { head: 0, scanner: 0, burst: 0, repeat: 0, total: 0 } });
    expect(byArticle(figures, articleIds[0])).toMatchObject({ title: 'The first year', url: ARTICLES[0].url, clicks: 3 });
    expect(byArticle(figures, articleIds[1])).toMatchObject({ clicks: 0 });
    expect(await flush()).toBe(0);
  });

  it('discounts HEAD requests, scanner user agents and bursts, and reports each', async () => {
    const head = await follow(linkOf.get(articleIds[1])!, { method: 'HEAD' });
    expect(head.status).toBe(302);
    expect(head.headers.get('location')).toBe(ARTICLES[1].url);
    for (const userAgent of ['Mozilla/5.0 (compatible; Barracuda Sentinel (EE))', 'facebookexternalhit/1.1', null]) {
      const scanned = await follow(linkOf.get(articleIds[1])!, { userAgent });
      expect(scanned.status).toBe(302);
    }
    // A gateway following every link of the edition at once: all of it discounted, the first two as well.
    const gateway = nextIp();
    for (const id of articleIds) expect((await follow(linkOf.get(id)!, { ip: gateway })).status).toBe(302);
    // A reader opening two of the articles is a reader.
    const reader = nextIp();
    await follow(linkOf.get(articleIds[1])!, { ip: reader });
    await follow(linkOf.get(articleIds[2])!, { ip: reader });
    await flush();

    const figures = await report();
    expect(figures.clicks).toBe(4 + 2);
    expect(figures.discounted).toEqual({ head: 1, scanner: 3, burst: 4, repeat: 0, total: 8 });
    expect(byArticle(figures, articleIds[1])).toMatchObject({ clicks: 1, discounted: { head: 1, scanner: 3, burst: 1, total: 5 } });
    expect(byArticle(figures, articleIds[2])).toMatchObject({ clicks: 1, discounted: { burst: 1 } });
    expect(byArticle(figures, articleIds[0])).toMatchObject({ clicks: 3, discounted: { burst: 1 } });
    expect(byArticle(figures, articleIds[3])).toMatchObject({ clicks: 1, discounted: { burst: 1 } });
    const rows = await t.rows<{ clicks: number; head: number; scanner: number; burst: number }>(
      `SELECT sum(clicks) AS clicks, sum(discounted_head) AS head, sum(discounted_scanner) AS scanner, sum(discounted_burst) AS burst FROM edition_clicks WHERE edition_id = $1`,
      [editionId],
    );
    expect(rows.map((r) => [Number(r.clicks), Number(r.head), Number(r.scanner), Number(r.burst)])).toEqual([[6, 1, 3, 4]]);
  });

  it('reports clicks per article, section, segment and sector with the click rate, in the API and the newsroom', async () => {
    const figures = await report();
    expect(figures.clickRate).toBe(6 / 4);
    expect(figures.articles.map((a: { title: string }) => a.title)).toEqual(ARTICLES.map((a) => a.title));
    expect(figures.sections).toEqual([
      { section: 'Politics', clicks: 4, discounted: { head: 0, scanner: 0, burst: 2, repeat: 0, total: 2 } },
      { section: 'Culture', clicks: 1, discounted: { head: 1, scanner: 3, burst: 1, repeat: 0, total: 5 } },
      { section: 'Content from our partners', clicks: 1, discounted: { head: 0, scanner: 0, burst: 1, repeat: 0, total: 1 } },
    ]);
    expect(figures.segments).toHaveLength(1);
    expect(figures.segments[0]).toMatchObject({ segment: 0, everySector: true, clicks: 6 });
    const sectors = await t.rows(`SELECT slug FROM job_sectors`);
    expect(figures.segments[0].sectors).toHaveLength(sectors.length);
    expect(figures.sectors).toHaveLength(sectors.length);
    expect(figures.sectors[0]).toMatchObject({ segment: 0, sharedWith: sectors.length - 1, clicks: 6, discounted: { total: 8 } });

    expect((await editorApi(t, null).get(`/api/editions/${editionId}/clicks`)).status).toBe(401);
    expect((await api.get(`/api/editions/999999/clicks`)).status).toBe(404);
    const docs = (await (await fetch(`${t.url}/api/docs-json`)).json()) as { paths: Record<string, any> };
    expect(docs.paths['/api/editions/{id}/clicks'].get.responses['200']).toBeDefined();

    const { editor } = await signIn(t, EDITOR);
    const page = await editor.get(`/newsroom/editions/${editionId}/report`);
    expect(page.status).toBe(200);
    const figure = (label: string) => page.dom.querySelectorAll('dt').find((dt) => dt.text === label)?.nextElementSibling?.text;
    expect(figure('Clicks')).toBe('6');
    expect(figure('Click rate')).toBe('150.0 %');
    expect(figure('Discounted')).toBe('8');
    expect(page.text).toContain('1 HEAD requests (link checkers), 3 from scanner user agents');
    expect(page.text).toContain('4 in bursts');
    const rows = page.dom.querySelectorAll('tbody tr').map((tr) => tr.querySelectorAll('td').map((td) => td.text.trim()));
    expect(rows).toContainEqual(['The first year', '3', '0', '0', '1', '0']);
    expect(rows).toContainEqual(['A word from our sponsor (partner)', '1', '0', '0', '1', '0']);
    expect(rows).toContainEqual(['Culture', '1', '1', '3', '1', '0']);
    expect(rows).toContainEqual(['Every sector (one version for all readers)', '6', '1', '3', '4', '0']);
  });

  it('answers 404 to a tampered or made-up code, so the redirect can lead nowhere but the edition’s articles', async () => {
    const link = linkOf.get(articleIds[0])!;
    const code = link.split('/r/')[1];
    const flipped = code[5] === 'A' ? 'B' : 'A';
    const tampered = await follow(`${t.url}/r/${code.slice(0, 5)}${flipped}${code.slice(6)}`, { userAgent: BROWSER });
    expect(tampered.status).toBe(404);
    expect(tampered.headers.get('location')).toBeNull();
    expect(await tampered.text()).toContain('This link is not one of ours');
    // A genuine signature over an article that is not in the edition leads nowhere either.
    const elsewhere = codes.sign({ editionId, articleId: articleIds[3] + 1000, segment: 0 });
    for (const path of [
      `/r/${elsewhere}`,
      `/r/${encodeURIComponent('https://evil.example/')}`,
      '/r/https:%2F%2Fevil.example',
      '/r/?url=https://evil.example',
      '/r/',
    ]) {
      const answer = await follow(`${t.url}${path}`);
      expect(answer.status).toBe(404);
      expect(answer.headers.get('location')).toBeNull();
    }
    await flush();
    expect((await report()).clicks).toBe(6);
  });

  it('lets previews and test copies follow their links without counting them', async () => {
    const preview = await api.get(`/api/editions/${editionId}/preview`);
    const previewLinks = [...new Set(trackedLinks(t, preview.text))];
    expect(previewLinks).toHaveLength(ARTICLES.length);
    for (const link of previewLinks) {
      expect(codes.verify(link.split('/r/')[1])).toMatchObject({ editionId, segment: TEST_SEGMENT });
      expect([...linkOf.values()]).not.toContain(link);
    }
    expect((await follow(previewLinks[0])).status).toBe(302);

    // A draft's test copy: counted links too, leading to the articles, counting nothing.
    const draft = await api.post('/api/newsletters/morning-call/editions', { articleIds: articleIds.slice(1, 3) });
    expect((await api.post(`/api/editions/${draft.json.id}/test`, { to: ['proof@newstatesman.test'] })).status).toBe(202);
    const [copy] = await t.smtp.waitFor('proof@newstatesman.test');
    const testLinks = [...new Set(trackedLinks(t, String(copy.parsed.text)))];
    expect(testLinks).toHaveLength(2);
    const answer = await follow(testLinks[0]);
    expect(answer.status).toBe(302);
    expect([ARTICLES[1].url, ARTICLES[2].url]).toContain(answer.headers.get('location'));

    await flush();
    expect((await report()).clicks).toBe(6);
    expect(await t.rows(`SELECT * FROM edition_clicks WHERE edition_id = $1`, [draft.json.id])).toEqual([]);
  });

  it('counts a link once however often one client follows it in a row, and reports the rest as repeats', async () => {
    const before = await report();
    const partner = articleIds[3];
    // One client hammering a partner's piece, as in issue 19 (48,428 hits in 10 s): one click.
    const hammer = nextIp();
    const hits = await Promise.all(Array.from({ length: 200 }, () => follow(linkOf.get(partner)!, { ip: hammer })));
    expect(hits.every((hit) => hit.status === 302 && hit.headers.get('location') === ARTICLES[3].url)).toBe(true);
    // A reader who goes back to the first article after reading the second: two clicks, one repeat, no burst.
    const reader = nextIp();
    for (const id of [articleIds[0], articleIds[1], articleIds[0]]) await follow(linkOf.get(id)!, { ip: reader });
    // Someone else's click on the partner's piece still counts.
    await follow(linkOf.get(partner)!);
    await flush();

    const after = await report();
    expect(after.clicks).toBe(before.clicks + 1 + 2 + 1);
    expect(after.discounted).toEqual({ ...before.discounted, repeat: before.discounted.repeat + 199 + 1, total: before.discounted.total + 200 });
    expect(byArticle(after, partner).clicks).toBe(byArticle(before, partner).clicks + 2);
    expect(byArticle(after, partner).discounted.repeat).toBe(199);
    expect(byArticle(after, articleIds[0])).toMatchObject({ clicks: byArticle(before, articleIds[0]).clicks + 1, discounted: { repeat: 1 } });
    const [row] = await t.rows<{ repeat: number }>(`SELECT sum(discounted_repeat) AS repeat FROM edition_clicks WHERE edition_id = $1`, [editionId]);
    expect(Number(row.repeat)).toBe(200);

    const { editor } = await signIn(t, EDITOR);
    const page = await editor.get(`/newsroom/editions/${editionId}/report`);
    expect(page.text).toContain('200 repeats (the same client following the same link again within a minute)');
    const header = page.dom.querySelector('thead tr')!.querySelectorAll('th').map((th) => th.text.trim());
    expect(header).toEqual(['Article', 'Clicks', 'Discounted: HEAD', 'Discounted: scanner', 'Discounted: burst', 'Discounted: repeat']);
    const rows = page.dom.querySelectorAll('tbody tr').map((tr) => tr.querySelectorAll('td').map((td) => td.text.trim()));
    expect(rows).toContainEqual(['A word from our sponsor (partner)', String(byArticle(after, partner).clicks), '0', '0', '1', '199']);
  });

  it('keeps the flushed counts when Redis comes back empty, and counts again', async () => {
    const before = await report();
    // Counted but not flushed: this is what a Redis loss costs. The click goes to Redis in a batch
    // a few ms after the answer; wait until it is there, or it may arrive in the new Redis instead.
    await follow(linkOf.get(articleIds[2])!);
    for (const deadline = Date.now() + 15_000; (await report()).clicks === before.clicks && Date.now() < deadline; ) await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await report()).clicks).toBe(before.clicks + 1);
    await redis.restartEmpty();
    const restarted = Date.now();
    const after = await report();
    expect(after.clicks).toBe(before.clicks);
    expect(after.discounted).toEqual(before.discounted);
    expect(after.articles).toEqual(before.articles);

    // The app's connection comes back by itself; clicks count again.
    const deadline = Date.now() + 15_000;
    for (;;) {
      await follow(linkOf.get(articleIds[2])!);
      await flush().catch(() => 0);
      if ((await report()).clicks > before.clicks) break;
      if (Date.now() > deadline) throw new Error('Clicks were not counted after Redis came back');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    // Let the app finish rebuilding its queues before the test closes it (closing mid-rebuild waits on BullMQ).
    while (!(await t.app.get(RedisWatch).check()) && Date.now() - restarted < 6000) await new Promise((resolve) => setTimeout(resolve, 200));
  });
});

describe('CLICK_COUNTS=off', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startApp({ env: { EDITOR_TOKEN, CLICK_COUNTS: 'off', REDIS_URL: 'redis://127.0.0.1:6379' } });
  });

  afterAll(async () => {
    await t?.close();
  });

  it('sends plain article links', async () => {
    const api = editorApi(t);
    const [reader] = (await seedAudience(t, 'morning-call', { active: 1 }, 'plain')).active;
    const articleIds = await insertArticles(t, ARTICLES);
    const composed = await api.post('/api/newsletters/morning-call/editions', { articleIds });
    await api.post(`/api/editions/${composed.json.id}/send`);
    await api.waitForEdition(composed.json.id, ['sent']);
    const [mail] = await t.smtp.waitFor(reader);
    const hrefs = parse(String(mail.parsed.html))
      .querySelectorAll('a')
      .map((a) => a.getAttribute('href'));
    for (const article of ARTICLES) {
      expect(hrefs).toContain(article.url);
      expect(String(mail.parsed.text)).toContain(article.url);
    }
    expect(trackedLinks(t, `${mail.parsed.html}${mail.parsed.text}`)).toEqual([]);
    expect((await api.get(`/api/editions/${composed.json.id}/clicks`)).json).toMatchObject({ counting: false, clicks: 0 });
  });
});
