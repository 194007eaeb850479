import { randomBytes } from 'node:crypto';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { getQueueToken } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { Queue, QueueEvents } from 'bullmq';
import IORedis from 'ioredis';
import { ArticlesService } from '../src/articles/articles.service';
import { FeedImportCommand } from '../src/cli/feed.commands';
import { FEED_SCHEDULER_ID, FeedImportSummary, FeedsService } from '../src/articles/feeds/feeds.service';
import { FeedFetchError, fetchFeed } from '../src/articles/feeds/fetch-feed';
import { addressKind } from '../src/articles/feeds/public-address';
import { redisOptions } from '../src/queue/redis-connection';
import { JOBS, QUEUES } from '../src/queue/queues';
import { startApp, TestApp } from './support/app';
import { exited, startWorker } from './support/processes';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const NEVER_DURING_TESTS = '0 0 1 1 *';

const PARTNER_ATOM = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Partner feed</title><id>urn:partner</id><updated>2023-03-01T00:00:00Z</updated>
  <entry><title>Spotlight: the future of skills</title><link href="https://www.newstatesman.com/spotlight/skills/2023/03/future-of-skills"/>
    <id>urn:partner:1</id><published>2023-03-01T08:00:00Z</published><category term="Content from our partners"/></entry>
  <entry><title>Spotlight: greener cities</title><link href="https://www.newstatesman.com/spotlight/sustainability/2023/03/greener-cities"/>
    <id>urn:partner:2</id><published>2023-03-01T09:00:00Z</published><category term="Content from our partners"/></entry>
</feed>`;

// Two good items, then a third that never closes: none of them may be stored.
const MALFORMED_RSS = `<?xml version="1.0"?><rss version="2.0"><channel><title>Broken</title>
  <item><title>Broken feed, first item</title><link>https://www.newstatesman.com/broken/1</link><pubDate>Wed, 01 Mar 2023 09:00:00 GMT</pubDate></item>
  <item><title>Broken feed, second item</title><link>https://www.newstatesman.com/broken/2</link><pubDate>Wed, 01 Mar 2023 10:00:00 GMT</pubDate></item>
  <item><title>Broken feed, third item</title><link>https://www.newstatesman.com/broken/3</link>
</channel></rss>`;

const HTML_PAGE = '<!DOCTYPE html><html><head><title>New Statesman</title></head><body><p>Subscribe!</body></html>';

// The lead article's guid, at a new address and with a new headline.
const MOVED_RSS = `<?xml version="1.0"?><rss version="2.0"><channel><title>Moved</title>
  <item><title>Why Lukashenko went to Beijing</title><link>https://www.newstatesman.com/world/asia/2023/03/why-lukashenko-went-to-beijing</link>
    <guid isPermaLink="false">https://www.newstatesman.com/?p=411872</guid><pubDate>Wed, 01 Mar 2023 11:30:00 +0000</pubDate>
    <category>The Staggers</category></item>
</channel></rss>`;

/** A feed server on loopback for the cases the app's own /samples/ cannot give. */
async function startFeedServer(): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    res.on('error', () => undefined);
    req.socket.on('error', () => undefined);
    switch (req.url) {
      case '/partner.atom':
        res.writeHead(200, { 'content-type': 'application/atom+xml; charset=utf-8' }).end(PARTNER_ATOM);
        return;
      case '/malformed.rss':
        res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(MALFORMED_RSS);
        return;
      case '/page.html':
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(HTML_PAGE);
        return;
      case '/moved.rss':
        res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(MOVED_RSS);
        return;
      case '/huge.rss': {
        // Sent in chunks with no Content-Length: the size is only known as it arrives.
        res.writeHead(200, { 'content-type': 'application/rss+xml' });
        res.write('<?xml version="1.0"?><rss version="2.0"><channel><title>Huge</title>');
        const padding = `<!-- ${'x'.repeat(64 * 1024)} -->`;
        for (let i = 0; i < 100 && !res.destroyed; i += 1) res.write(padding);
        res.end('</channel></rss>');
        return;
      }
      default:
        res.writeHead(404).end('Not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

/** A port on loopback that nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const isTrue = (value: unknown) => value === true || Number(value) === 1;

describe('feed import', () => {
  let t: TestApp;
  let feedServer: { url: string; server: Server };
  let unreachable: string;
  let feeds: FeedsService;
  let events: QueueEvents;
  let sampleRss: string;
  let sampleAtom: string;

  beforeAll(async () => {
    feedServer = await startFeedServer();
    unreachable = `http://127.0.0.1:${await closedPort()}/feed.rss`;
    t = await startApp({
      env: {
        FEED_URLS: [`${feedServer.url}/partner.atom`, `${feedServer.url}/malformed.rss`, `${feedServer.url}/page.html`, `${feedServer.url}/huge.rss`, unreachable].join(','),
        FEED_POLL_CRON: NEVER_DURING_TESTS,
      },
    });
    feeds = t.app.get(FeedsService);
    // The import FEED_URLS makes as the service starts has a spec of its own (below); these
    // tests start from no articles.
    await t.drain();
    await t.db.query('DELETE FROM articles');
    sampleRss = `${t.url}/samples/new-statesman.rss`;
    sampleAtom = `${t.url}/samples/new-statesman.atom`;
    events = new QueueEvents(QUEUES.feeds, { connection: redisOptions(REDIS_URL), prefix: t.prefix });
    await events.waitUntilReady();
  });

  afterAll(async () => {
    await events?.close();
    await t?.close();
    await new Promise((resolve) => feedServer?.server.close(resolve));
  });

  afterEach(() => {
    jest.restoreAllMocks();
  });

  const countArticles = async () => Number((await t.rows<{ n: number }>('SELECT COUNT(*) AS n FROM articles'))[0].n);

  it('imports the sample feed from the app’s own /samples/ when a queued import job runs', async () => {
    const job = await feeds.requestImport([sampleRss]);
    const result = (await job.waitUntilFinished(events, 30_000)) as FeedImportSummary[];
    expect(result).toEqual([{ url: sampleRss, imported: 8, updated: 0, unchanged: 0, skipped: 0 }]);

    const stored = await t.app.get(ArticlesService).publishedSince(new Date('2023-02-01T00:00:00Z'));
    expect(stored).toHaveLength(8);
    expect(stored[0]).toEqual({
      id: expect.any(Number),
      url: 'https://www.newstatesman.com/the-staggers/2023/03/why-alexander-lukashenko-trip-china-matters',
      title: 'Why Alexander Lukashenko’s trip to China matters',
      standfirst: 'The Belarusian autocrat is a close ally of Vladimir Putin, and a useful friend in Beijing’s contest with the West.',
      author: 'Katie Stallard',
      section: 'The Staggers',
      topics: ['The Staggers', 'Belarus', 'China', 'Russia'],
      publishedAt: new Date('2023-03-01T11:30:00Z'),
      imageUrl: 'https://www.newstatesman.com/wp-content/uploads/sites/2/2023/03/lukashenko-xi-beijing.jpg',
      sponsored: false,
      targetSectorIds: [],
    });
    expect(stored.map((a) => a.title)).toContain(
      'Ben Hodges: “The only hope the Russians have is that the West loses the will to keep supporting Ukraine”',
    );
  });

  it('stores the partners’ items as sponsored, and only them', async () => {
    const rows = await t.rows<{ title: string; sponsored: unknown }>('SELECT title, sponsored FROM articles ORDER BY title');
    expect(rows.filter((row) => isTrue(row.sponsored)).map((row) => row.title)).toEqual([
      'How the apprenticeship levy helps small businesses to transform their workforce',
      'How to reform the apprenticeship levy',
      "Peatlands are nature's unsung climate warriors",
    ]);
    expect(rows.filter((row) => !isTrue(row.sponsored))).toHaveLength(5);
  });

  it('adds no duplicates when the same articles come again, by RSS or by Atom', async () => {
    expect(await feeds.importFeed(sampleRss)).toEqual({ url: sampleRss, imported: 0, updated: 0, unchanged: 8, skipped: 0 });
    expect(await feeds.importFeed(sampleAtom)).toEqual({ url: sampleAtom, imported: 0, updated: 0, unchanged: 2, skipped: 0 });
    expect(await countArticles()).toBe(8);
  });

  it('updates the article whose guid a feed item carries, even at a new URL', async () => {
    const moved = `${feedServer.url}/moved.rss`;
    expect(await feeds.importFeed(moved)).toEqual({ url: moved, imported: 0, updated: 1, unchanged: 0, skipped: 0 });
    expect(await countArticles()).toBe(8);
    expect(await t.rows('SELECT url, title FROM articles WHERE guid = $1', ['https://www.newstatesman.com/?p=411872'])).toEqual([
      { url: 'https://www.newstatesman.com/world/asia/2023/03/why-lukashenko-went-to-beijing', title: 'Why Lukashenko went to Beijing' },
    ]);
  });

  it('imports every FEED_URLS feed on its own: broken ones import nothing and are logged, the good one comes in', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn');
    const before = await countArticles();

    const summaries = await feeds.importAll();

    expect(summaries).toEqual([
      { url: `${feedServer.url}/partner.atom`, imported: 2, updated: 0, unchanged: 0, skipped: 0 },
      expect.objectContaining({ url: `${feedServer.url}/malformed.rss`, imported: 0, error: expect.stringMatching(/^not well-formed XML: /) }),
      expect.objectContaining({ url: `${feedServer.url}/page.html`, imported: 0, error: 'the URL returned an HTML page, not an RSS or Atom feed' }),
      expect.objectContaining({ url: `${feedServer.url}/huge.rss`, imported: 0, error: 'the feed is larger than 5 MB' }),
      expect.objectContaining({ url: unreachable, imported: 0, error: expect.stringContaining('ECONNREFUSED') }),
    ]);
    expect(await countArticles()).toBe(before + 2);
    expect(await t.rows('SELECT title FROM articles WHERE url LIKE $1', ['https://www.newstatesman.com/broken/%'])).toEqual([]);
    const partner = await t.rows<{ title: string; sponsored: unknown }>('SELECT title, sponsored FROM articles WHERE guid LIKE $1 ORDER BY guid', ['urn:partner:%']);
    expect(partner.map((row) => [row.title, isTrue(row.sponsored)])).toEqual([
      ['Spotlight: the future of skills', true],
      ['Spotlight: greener cities', true],
    ]);

    const warnings = warn.mock.calls.map(([message]) => String(message));
    for (const summary of summaries.filter((s) => s.error)) {
      expect(warnings).toContain(`Feed ${summary.url} not imported: ${summary.error}`);
    }
  });

  it('feed:import prints a line per feed and exits 1 when one of them failed', async () => {
    const lines: string[] = [];
    // The app's JSON log lines go to stdout too: keep the command's own.
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      if (!String(chunk).startsWith('{')) lines.push(String(chunk));
      return true;
    });
    const command = new FeedImportCommand(feeds);
    try {
      await command.run([`${feedServer.url}/partner.atom`]);
      expect(process.exitCode ?? 0).toBe(0);
      await command.run([]);
      expect(process.exitCode).toBe(1);
    } finally {
      process.exitCode = 0;
    }
    expect(lines[0]).toBe(`${feedServer.url}/partner.atom: 0 imported, 0 updated, 2 unchanged, 0 skipped\n`);
    expect(lines.slice(1)).toEqual([
      `${feedServer.url}/partner.atom: 0 imported, 0 updated, 2 unchanged, 0 skipped\n`,
      expect.stringMatching(new RegExp(`^${feedServer.url}/malformed.rss: failed: not well-formed XML: `)),
      `${feedServer.url}/page.html: failed: the URL returned an HTML page, not an RSS or Atom feed\n`,
      `${feedServer.url}/huge.rss: failed: the feed is larger than 5 MB\n`,
      expect.stringMatching(new RegExp(`^${unreachable}: failed: .*ECONNREFUSED`)),
    ]);
  });

  it('polls FEED_URLS on FEED_POLL_CRON', async () => {
    const queue = t.app.get<Queue>(getQueueToken(QUEUES.feeds));
    expect(await queue.getJobSchedulers()).toEqual([expect.objectContaining({ key: FEED_SCHEDULER_ID, name: JOBS.importFeeds, pattern: NEVER_DURING_TESTS })]);
  });
});

describe('FEED_URLS as the service starts', () => {
  let t: TestApp;
  let feedServer: { url: string; server: Server };

  afterAll(async () => {
    await t?.close();
    await new Promise((resolve) => feedServer?.server.close(resolve));
  });

  it('imports them once at start, without waiting for the first poll', async () => {
    feedServer = await startFeedServer();
    t = await startApp({ env: { FEED_URLS: `${feedServer.url}/partner.atom`, FEED_POLL_CRON: NEVER_DURING_TESTS } });
    await t.drain();
    expect((await t.rows<{ url: string }>('SELECT url FROM articles ORDER BY url')).map((row) => row.url)).toEqual([
      'https://www.newstatesman.com/spotlight/skills/2023/03/future-of-skills',
      'https://www.newstatesman.com/spotlight/sustainability/2023/03/greener-cities',
    ]);
  });
});

describe('feed polling with no FEED_URLS', () => {
  const prefix = `t${randomBytes(5).toString('hex')}`;
  let t: TestApp;

  afterAll(async () => {
    await t?.close();
    const redis = new IORedis(REDIS_URL);
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  it('stops the polling an earlier deployment with feeds had scheduled', async () => {
    const earlier = new Queue(QUEUES.feeds, { connection: redisOptions(REDIS_URL), prefix });
    try {
      await earlier.upsertJobScheduler(FEED_SCHEDULER_ID, { pattern: NEVER_DURING_TESTS }, { name: JOBS.importFeeds });
      expect(await earlier.getJobSchedulersCount()).toBe(1);

      t = await startApp({ env: { QUEUE_PREFIX: prefix, FEED_URLS: '' } });

      expect(await earlier.getJobSchedulersCount()).toBe(0);
    } finally {
      await earlier.close();
    }
  });
});

/** What an intranet host would answer: nothing of it may reach a log, a summary or an article. */
const INTERNAL = 'INTERNAL-ONLY: the payroll export for March';

interface Answer {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

/** A server on a loopback address that counts every request it gets. */
async function startCountingServer(host: string, answer: (path: string) => Answer) {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(`${req.headers.host} ${req.url}`);
    const { status, headers, body } = answer(req.url ?? '/');
    res.writeHead(status, headers).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const port = (server.address() as AddressInfo).port;
  return { server, port, requests, url: `http://${host}:${port}` };
}

describe('feeds reach public addresses only', () => {
  let inside: Awaited<ReturnType<typeof startCountingServer>>;
  let outside: Awaited<ReturnType<typeof startCountingServer>>;
  // 127.0.0.1 stands for the magazine's public feed host here; every other address is judged as in production.
  const publicHere = (address: string) => address === '127.0.0.1' || addressKind(address) === null;

  beforeAll(async () => {
    inside = await startCountingServer('127.0.0.2', () => ({ status: 200, headers: { 'content-type': 'application/rss+xml' }, body: INTERNAL }));
    outside = await startCountingServer('127.0.0.1', (path): Answer => {
      const to: Record<string, string> = {
        '/to-inside': `http://127.0.0.2:${inside.port}/export.rss`,
        '/to-inside-ipv6': `http://[::1]:${inside.port}/export.rss`,
        '/to-inside-mapped': `http://[::ffff:127.0.0.2]:${inside.port}/export.rss`,
        '/to-inside-by-name': `http://intranet.newstatesman.test:${inside.port}/export.rss`,
        '/to-metadata': 'http://169.254.169.254/latest/meta-data/',
        '/to-file': 'file:///etc/passwd',
      };
      if (to[path]) return { status: 302, headers: { location: to[path] } };
      return { status: 200, headers: { 'content-type': 'application/atom+xml' }, body: PARTNER_ATOM };
    });
  });

  afterAll(async () => {
    for (const { server } of [inside, outside]) await new Promise((resolve) => server?.close(resolve));
  });

  const refusal = (url: string, options: Parameters<typeof fetchFeed>[1] = {}) =>
    fetchFeed(url, { addressAllowed: publicHere, ...options }).then(
      () => null,
      (error: Error) => error,
    );

  it('follows no redirect to a loopback, private or link-local address, by IPv4, IPv6 or a name that resolves there, and quotes nothing of it', async () => {
    const resolve = async (hostname: string) => (hostname === 'intranet.newstatesman.test' ? [{ address: '127.0.0.2', family: 4 }] : []);
    for (const [path, kind] of [
      ['/to-inside', 'loopback'],
      ['/to-inside-ipv6', 'loopback'],
      ['/to-inside-mapped', 'loopback'],
      ['/to-inside-by-name', 'loopback'],
      ['/to-metadata', 'link-local'],
    ]) {
      const error = await refusal(`${outside.url}${path}`, { resolve });
      expect(error).toBeInstanceOf(FeedFetchError);
      expect([path, error!.message]).toEqual([path, `a redirect (the first) leads to a ${kind} address, which feeds may not reach: not fetched (FEED_ALLOW_PRIVATE=true allows it in development)`]);
    }
    expect(inside.requests).toEqual([]);
    expect((await refusal(`${outside.url}/to-file`))!.message).toBe('a redirect to something that is not an http(s) URL: not followed');
    // The feed itself still comes.
    expect((await fetchFeed(`${outside.url}/partner.atom`, { addressAllowed: publicHere })).body).toBe(PARTNER_ATOM);
  });

  it('connects to the address it checked: a name resolved once per hop, so it cannot be rebound to an inside one', async () => {
    const answers = ['127.0.0.1', '127.0.0.2', '127.0.0.2'];
    const asked: string[] = [];
    const resolve = async (hostname: string) => {
      asked.push(hostname);
      return [{ address: answers[asked.length - 1], family: 4 }];
    };
    const feed = await fetchFeed(`http://feeds.newstatesman.test:${outside.port}/partner.atom`, { addressAllowed: publicHere, resolve });
    expect(feed.body).toBe(PARTNER_ATOM);
    expect(asked).toEqual(['feeds.newstatesman.test']);
    expect(outside.requests).toContain(`feeds.newstatesman.test:${outside.port} /partner.atom`);
    expect(inside.requests).toEqual([]);
  });

  describe('in the service, without FEED_ALLOW_PRIVATE', () => {
    let t: TestApp;

    beforeAll(async () => {
      t = await startApp({
        env: { FEED_ALLOW_PRIVATE: 'false', FEED_URLS: `${inside.url}/export.rss,http://localhost:${inside.port}/export.rss`, FEED_POLL_CRON: NEVER_DURING_TESTS },
      });
      await t.drain();
    });

    afterAll(async () => {
      await t?.close();
    });

    it('fetches no feed on loopback, by address or by a name that resolves there, and logs and reports nothing of what it holds', async () => {
      const warn = jest.spyOn(Logger.prototype, 'warn');
      const summaries = await t.app.get(FeedsService).importAll();
      const reason = 'the feed’s address leads to a loopback address, which feeds may not reach: not fetched (FEED_ALLOW_PRIVATE=true allows it in development)';
      expect(summaries).toEqual([
        { url: `${inside.url}/export.rss`, imported: 0, updated: 0, unchanged: 0, skipped: 0, error: reason },
        { url: `http://localhost:${inside.port}/export.rss`, imported: 0, updated: 0, unchanged: 0, skipped: 0, error: reason },
      ]);
      // Not at start, not now.
      expect(inside.requests).toEqual([]);
      expect(warn.mock.calls.map(([message]) => String(message))).toEqual(summaries.map((s) => `Feed ${s.url} not imported: ${reason}`));
      expect(JSON.stringify([summaries, warn.mock.calls])).not.toContain('INTERNAL');
      expect(await t.rows('SELECT id FROM articles')).toEqual([]);
      warn.mockRestore();
    });
  });

  it('stops the process at start when FEED_URLS holds a file: URL, saying why in one line', async () => {
    const worker = startWorker({ FEED_URLS: `${outside.url}/partner.atom,file:///etc/passwd` });
    const { code } = await exited(worker);
    expect(code).toBe(1);
    expect(worker.output().trim()).toBe('Invalid configuration: FEED_URLS must hold http(s) URLs only (got "file:///etc/passwd")');
  });
});
