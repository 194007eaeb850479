"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const node_crypto_1 = require("node:crypto");
const node_http_1 = require("node:http");
const bullmq_1 = require("@nestjs/bullmq");
const common_1 = require("@nestjs/common");
const bullmq_2 = require("bullmq");
const ioredis_1 = __importDefault(require("ioredis"));
const articles_service_1 = require("../src/articles/articles.service");
const feed_commands_1 = require("../src/cli/feed.commands");
const feeds_service_1 = require("../src/articles/feeds/feeds.service");
const redis_connection_1 = require("../src/queue/redis-connection");
const queues_1 = require("../src/queue/queues");
const app_1 = require("./support/app");
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
const MALFORMED_RSS = `<?xml version="1.0"?><rss version="2.0"><channel><title>Broken</title>
  <item><title>Broken feed, first item</title><link>https://www.newstatesman.com/broken/1</link><pubDate>Wed, 01 Mar 2023 09:00:00 GMT</pubDate></item>
  <item><title>Broken feed, second item</title><link>https://www.newstatesman.com/broken/2</link><pubDate>Wed, 01 Mar 2023 10:00:00 GMT</pubDate></item>
  <item><title>Broken feed, third item</title><link>https://www.newstatesman.com/broken/3</link>
</channel></rss>`;
const HTML_PAGE = '<!DOCTYPE html><html><head><title>New Statesman</title></head><body><p>Subscribe!</body></html>';
const MOVED_RSS = `<?xml version="1.0"?><rss version="2.0"><channel><title>Moved</title>
  <item><title>Why Lukashenko went to Beijing</title><link>https://www.newstatesman.com/world/asia/2023/03/why-lukashenko-went-to-beijing</link>
    <guid isPermaLink="false">https://www.newstatesman.com/?p=411872</guid><pubDate>Wed, 01 Mar 2023 11:30:00 +0000</pubDate>
    <category>The Staggers</category></item>
</channel></rss>`;
async function startFeedServer() {
    const server = (0, node_http_1.createServer)((req, res) => {
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
                res.writeHead(200, { 'content-type': 'application/rss+xml' });
                res.write('<?xml version="1.0"?><rss version="2.0"><channel><title>Huge</title>');
                const padding = `<!-- ${'x'.repeat(64 * 1024)} -->`;
                for (let i = 0; i < 100 && !res.destroyed; i += 1)
                    res.write(padding);
                res.end('</channel></rss>');
                return;
            }
            default:
                res.writeHead(404).end('Not found');
        }
    });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    return { url: `http://127.0.0.1:${server.address().port}`, server };
}
async function closedPort() {
    const server = (0, node_http_1.createServer)();
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address();
    await new Promise((resolve) => server.close(resolve));
    return port;
}
const isTrue = (value) => value === true || Number(value) === 1;
describe('feed import', () => {
    let t;
    let feedServer;
    let unreachable;
    let feeds;
    let events;
    let sampleRss;
    let sampleAtom;
    beforeAll(async () => {
        feedServer = await startFeedServer();
        unreachable = `http://127.0.0.1:${await closedPort()}/feed.rss`;
        t = await (0, app_1.startApp)({
            env: {
                FEED_URLS: [`${feedServer.url}/partner.atom`, `${feedServer.url}/malformed.rss`, `${feedServer.url}/page.html`, `${feedServer.url}/huge.rss`, unreachable].join(','),
                FEED_POLL_CRON: NEVER_DURING_TESTS,
            },
        });
        feeds = t.app.get(feeds_service_1.FeedsService);
        await t.drain();
        await t.db.query('DELETE FROM articles');
        sampleRss = `${t.url}/samples/new-statesman.rss`;
        sampleAtom = `${t.url}/samples/new-statesman.atom`;
        events = new bullmq_2.QueueEvents(queues_1.QUEUES.feeds, { connection: (0, redis_connection_1.redisOptions)(REDIS_URL), prefix: t.prefix });
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
    const countArticles = async () => Number((await t.rows('SELECT COUNT(*) AS n FROM articles'))[0].n);
    it('imports the sample feed from the app’s own /samples/ when a queued import job runs', async () => {
        const job = await feeds.requestImport([sampleRss]);
        const result = (await job.waitUntilFinished(events, 30_000));
        expect(result).toEqual([{ url: sampleRss, imported: 8, updated: 0, unchanged: 0, skipped: 0 }]);
        const stored = await t.app.get(articles_service_1.ArticlesService).publishedSince(new Date('2023-02-01T00:00:00Z'));
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
        expect(stored.map((a) => a.title)).toContain('Ben Hodges: “The only hope the Russians have is that the West loses the will to keep supporting Ukraine”');
    });
    it('stores the partners’ items as sponsored, and only them', async () => {
        const rows = await t.rows('SELECT title, sponsored FROM articles ORDER BY title');
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
        const warn = jest.spyOn(common_1.Logger.prototype, 'warn');
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
        const partner = await t.rows('SELECT title, sponsored FROM articles WHERE guid LIKE $1 ORDER BY guid', ['urn:partner:%']);
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
        const lines = [];
        jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
            if (!String(chunk).startsWith('{'))
                lines.push(String(chunk));
            return true;
        });
        const command = new feed_commands_1.FeedImportCommand(feeds);
        try {
            await command.run([`${feedServer.url}/partner.atom`]);
            expect(process.exitCode ?? 0).toBe(0);
            await command.run([]);
            expect(process.exitCode).toBe(1);
        }
        finally {
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
        const queue = t.app.get((0, bullmq_1.getQueueToken)(queues_1.QUEUES.feeds));
        expect(await queue.getJobSchedulers()).toEqual([expect.objectContaining({ key: feeds_service_1.FEED_SCHEDULER_ID, name: queues_1.JOBS.importFeeds, pattern: NEVER_DURING_TESTS })]);
    });
});
describe('FEED_URLS as the service starts', () => {
    let t;
    let feedServer;
    afterAll(async () => {
        await t?.close();
        await new Promise((resolve) => feedServer?.server.close(resolve));
    });
    it('imports them once at start, without waiting for the first poll', async () => {
        feedServer = await startFeedServer();
        t = await (0, app_1.startApp)({ env: { FEED_URLS: `${feedServer.url}/partner.atom`, FEED_POLL_CRON: NEVER_DURING_TESTS } });
        await t.drain();
        expect((await t.rows('SELECT url FROM articles ORDER BY url')).map((row) => row.url)).toEqual([
            'https://www.newstatesman.com/spotlight/skills/2023/03/future-of-skills',
            'https://www.newstatesman.com/spotlight/sustainability/2023/03/greener-cities',
        ]);
    });
});
describe('feed polling with no FEED_URLS', () => {
    const prefix = `t${(0, node_crypto_1.randomBytes)(5).toString('hex')}`;
    let t;
    afterAll(async () => {
        await t?.close();
        const redis = new ioredis_1.default(REDIS_URL);
        const keys = await redis.keys(`${prefix}:*`);
        if (keys.length > 0)
            await redis.del(...keys);
        await redis.quit();
    });
    it('stops the polling an earlier deployment with feeds had scheduled', async () => {
        const earlier = new bullmq_2.Queue(queues_1.QUEUES.feeds, { connection: (0, redis_connection_1.redisOptions)(REDIS_URL), prefix });
        try {
            await earlier.upsertJobScheduler(feeds_service_1.FEED_SCHEDULER_ID, { pattern: NEVER_DURING_TESTS }, { name: queues_1.JOBS.importFeeds });
            expect(await earlier.getJobSchedulersCount()).toBe(1);
            t = await (0, app_1.startApp)({ env: { QUEUE_PREFIX: prefix, FEED_URLS: '' } });
            expect(await earlier.getJobSchedulersCount()).toBe(0);
        }
        finally {
            await earlier.close();
        }
    });
});
//# sourceMappingURL=feeds.e2e-spec.js.map