import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SAMPLES_DIR } from '../../config/paths';
import { FeedFormatError, parseFeed } from './feed-parser';

const sample = (name: string) => readFileSync(join(SAMPLES_DIR, name), 'utf8');

const rss = (items: string, namespaces = '') =>
  `<?xml version="1.0" encoding="UTF-8"?>
   <rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="http://search.yahoo.com/mrss/" ${namespaces}>
     <channel><title>Test</title><link>https://example.com/</link><description>Test feed</description>${items}</channel>
   </rss>`;

const item = (inner: string) => `<item>${inner}</item>`;
const basic = (n: number, extra = '') =>
  item(`<title>Article ${n}</title><link>https://example.com/a/${n}</link><pubDate>Wed, 01 Mar 2023 09:00:00 GMT</pubDate>${extra}`);

const atom = (entries: string, feedExtra = '') =>
  `<?xml version="1.0" encoding="utf-8"?>
   <feed xmlns="http://www.w3.org/2005/Atom"><title>Test</title><id>urn:test</id><updated>2023-03-01T00:00:00Z</updated>${feedExtra}${entries}</feed>`;

describe('parseFeed', () => {
  describe('the sample New Statesman feed', () => {
    const feed = parseFeed(sample('new-statesman.rss'));

    it('reads every item of the seed page as an article', () => {
      expect(feed.format).toBe('rss');
      expect(feed.skipped).toEqual([]);
      expect(feed.articles.map((a) => a.title)).toEqual([
        'Why Alexander Lukashenko’s trip to China matters',
        'How long will the war in Ukraine go on for?',
        'Will Ukraine run out of ammunition?',
        'Rage against the regime: the Belarus ultras who stood up to Lukashenko',
        'Ben Hodges: “The only hope the Russians have is that the West loses the will to keep supporting Ukraine”',
        "Peatlands are nature's unsung climate warriors",
        'How the apprenticeship levy helps small businesses to transform their workforce',
        'How to reform the apprenticeship levy',
      ]);
    });

    it('maps the lead article field by field', () => {
      expect(feed.articles[0]).toEqual({
        url: 'https://www.newstatesman.com/the-staggers/2023/03/why-alexander-lukashenko-trip-china-matters',
        guid: 'https://www.newstatesman.com/?p=411872',
        title: 'Why Alexander Lukashenko’s trip to China matters',
        standfirst: 'The Belarusian autocrat is a close ally of Vladimir Putin, and a useful friend in Beijing’s contest with the West.',
        author: 'Katie Stallard',
        section: 'The Staggers',
        topics: ['The Staggers', 'Belarus', 'China', 'Russia'],
        publishedAt: new Date('2023-03-01T11:30:00Z'),
        imageUrl: 'https://www.newstatesman.com/wp-content/uploads/sites/2/2023/03/lukashenko-xi-beijing.jpg',
        sponsored: false,
      });
    });

    it('marks the partners’ items as sponsored and keeps that marker out of sections and topics', () => {
      const sponsored = feed.articles.filter((a) => a.sponsored);
      expect(sponsored.map((a) => a.title)).toEqual([
        "Peatlands are nature's unsung climate warriors",
        'How the apprenticeship levy helps small businesses to transform their workforce',
        'How to reform the apprenticeship levy',
      ]);
      for (const article of sponsored) {
        expect(article.section).toBe('Spotlight');
        expect(article.topics).toEqual(['Spotlight']);
      }
    });

    it('takes an image from an enclosure, and leaves it empty when there is none', () => {
      const ammunition = feed.articles.find((a) => a.title === 'Will Ukraine run out of ammunition?');
      expect(ammunition?.imageUrl).toBe('https://www.newstatesman.com/wp-content/uploads/sites/2/2023/02/ukraine-artillery-shells.jpg');
      expect(feed.articles[1]).toMatchObject({ imageUrl: null, standfirst: null, author: null });
    });

    it('reads the Atom sample into the same articles as the RSS one', () => {
      const atomFeed = parseFeed(sample('new-statesman.atom'));
      expect(atomFeed.format).toBe('atom');
      expect(atomFeed.skipped).toEqual([]);
      expect(atomFeed.articles).toEqual([feed.articles[0], feed.articles[1]]);
    });
  });

  describe('text', () => {
    it('strips the markup from a CDATA description and decodes its entities', () => {
      const [article] = parseFeed(
        rss(basic(1, '<description><![CDATA[<p>Tories &amp; Labour</p><p>agree&nbsp;on <b>one</b> thing &#8211; <a href="/x" title="a>b">this</a>.</p><script>alert(1)</script>]]></description>')),
      ).articles;
      expect(article.standfirst).toBe('Tories & Labour agree on one thing – this.');
    });

    it('decodes an entity-escaped HTML description exactly once', () => {
      const [article] = parseFeed(
        rss(basic(1, '<description>&lt;p&gt;Why &amp;lt;b&amp;gt; tags &amp;amp; &#8220;quotes&#8221; matter&lt;/p&gt;</description>')),
      ).articles;
      expect(article.standfirst).toBe('Why <b> tags & “quotes” matter');
    });

    it('decodes numeric, hexadecimal and named references in titles, and folds their whitespace', () => {
      const [article] = parseFeed(
        rss(item(`<title>\n  Starmer&#8217;s &#x201C;plan&#x201D; &amp; the
          unions </title><link>https://example.com/a</link><pubDate>Wed, 01 Mar 2023 09:00:00 GMT</pubDate>`)),
      ).articles;
      expect(article.title).toBe('Starmer’s “plan” & the unions');
    });

    it('keeps markup in an RSS title as text', () => {
      const [article] = parseFeed(
        rss(item('<title>&lt;script&gt;alert(1)&lt;/script&gt; and more</title><link>https://example.com/a</link><pubDate>Wed, 01 Mar 2023 09:00:00 GMT</pubDate>')),
      ).articles;
      expect(article.title).toBe('<script>alert(1)</script> and more');
    });

    it('does not expand entities declared in a DOCTYPE', () => {
      const xml = `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
        <rss version="2.0"><channel><item><title>&b;</title><link>https://example.com/a</link><pubDate>Wed, 01 Mar 2023 09:00:00 GMT</pubDate></item></channel></rss>`;
      expect(parseFeed(xml).articles[0].title).toBe('&b;');
    });
  });

  describe('fields', () => {
    it('leaves out what an item does not have', () => {
      const feed = parseFeed(rss(basic(1)));
      expect(feed.articles).toEqual([
        {
          url: 'https://example.com/a/1',
          guid: null,
          title: 'Article 1',
          standfirst: null,
          author: null,
          section: null,
          topics: [],
          publishedAt: new Date('2023-03-01T09:00:00Z'),
          imageUrl: null,
          sponsored: false,
        },
      ]);
    });

    it('skips and counts items with no usable link, no title or no date, and keeps the rest', () => {
      const feed = parseFeed(
        rss(
          [
            item('<title>No link</title><pubDate>Wed, 01 Mar 2023 09:00:00 GMT</pubDate>'),
            item('<title>Script link</title><link>javascript:alert(1)</link><pubDate>Wed, 01 Mar 2023 09:00:00 GMT</pubDate>'),
            item('<title>Data link</title><link>data:text/html,hi</link><pubDate>Wed, 01 Mar 2023 09:00:00 GMT</pubDate>'),
            item('<title>   </title><link>https://example.com/untitled</link><pubDate>Wed, 01 Mar 2023 09:00:00 GMT</pubDate>'),
            item('<title>Undated</title><link>https://example.com/undated</link><pubDate>sometime soon</pubDate>'),
            item('<title>Opaque guid</title><guid isPermaLink="false">tag:example.com,2023:1</guid><pubDate>Wed, 01 Mar 2023 09:00:00 GMT</pubDate>'),
            basic(7),
          ].join(''),
        ),
      );
      expect(feed.articles.map((a) => a.title)).toEqual(['Article 7']);
      expect(feed.skipped).toEqual([
        { position: 1, reason: 'no http(s) link' },
        { position: 2, reason: 'no http(s) link' },
        { position: 3, reason: 'no http(s) link' },
        { position: 4, reason: 'no title' },
        { position: 5, reason: 'no valid publication date' },
        { position: 6, reason: 'no http(s) link' },
      ]);
    });

    it('uses a permalink guid when there is no link, and resolves relative links against the feed URL', () => {
      const feed = parseFeed(
        rss(
          item('<title>Guid only</title><guid>https://example.com/by-guid</guid><pubDate>Wed, 01 Mar 2023 09:00:00 GMT</pubDate>') +
            item('<title>Relative</title><link>/politics/2023/03/relative</link><pubDate>Wed, 01 Mar 2023 09:00:00 GMT</pubDate>'),
        ),
        'https://www.newstatesman.com/feed',
      );
      expect(feed.articles.map((a) => [a.url, a.guid])).toEqual([
        ['https://example.com/by-guid', 'https://example.com/by-guid'],
        ['https://www.newstatesman.com/politics/2023/03/relative', null],
      ]);
    });

    it('reads dc:creator, or the name in an RSS author address, and every category', () => {
      const feed = parseFeed(
        rss(
          basic(1, '<dc:creator>Andrew Marr</dc:creator><dc:creator>Rachel Cunliffe</dc:creator><category>Politics</category><category>UK politics</category><category>Politics</category>') +
            basic(2, '<author>editor@newstatesman.co.uk (Jason Cowley)</author>'),
        ),
      );
      expect(feed.articles[0]).toMatchObject({ author: 'Andrew Marr, Rachel Cunliffe', section: 'Politics', topics: ['Politics', 'UK politics'] });
      expect(feed.articles[1].author).toBe('Jason Cowley');
    });

    it('finds images in media:content, media:group and media:thumbnail, ignoring non-images', () => {
      const feed = parseFeed(
        rss(
          basic(1, '<enclosure url="https://example.com/a.mp3" type="audio/mpeg" length="1"/><media:content url="https://example.com/1.jpg" medium="image"/>') +
            basic(2, '<media:group><media:content url="https://example.com/v.mp4" type="video/mp4"/><media:content url="https://example.com/2.png" type="image/png"/></media:group>') +
            basic(3, '<media:thumbnail url="https://example.com/3.webp"/>') +
            basic(4, '<media:content url="javascript:alert(1)" medium="image"/>'),
        ),
      );
      expect(feed.articles.map((a) => a.imageUrl)).toEqual(['https://example.com/1.jpg', 'https://example.com/2.png', 'https://example.com/3.webp', null]);
    });

    it('keeps the first of two items with the same link or guid', () => {
      const feed = parseFeed(rss(basic(1, '<guid isPermaLink="false">g1</guid>') + basic(1) + item('<title>Other</title><link>https://example.com/other</link><guid isPermaLink="false">g1</guid><pubDate>Wed, 01 Mar 2023 09:00:00 GMT</pubDate>')));
      expect(feed.articles.map((a) => a.title)).toEqual(['Article 1']);
      expect(feed.skipped).toEqual([
        { position: 2, reason: 'repeats item 1' },
        { position: 3, reason: 'repeats item 1' },
      ]);
    });

    it('holds long fields to the article limits', () => {
      const topics = Array.from({ length: 25 }, (_, i) => `<category>Topic ${i}</category>`).join('');
      const [article] = parseFeed(rss(basic(1, `<description>${'word '.repeat(2000)}</description><category>${'x'.repeat(101)}</category>${topics}`))).articles;
      expect(article.standfirst!.length).toBeLessThanOrEqual(5000);
      expect(article.standfirst!.endsWith('word…')).toBe(true);
      expect(article.topics).toHaveLength(20);
      expect(article.topics[0]).toBe('Topic 0');

      const tooLong = parseFeed(rss(item(`<title>${'t'.repeat(501)}</title><link>https://example.com/a</link><pubDate>Wed, 01 Mar 2023 09:00:00 GMT</pubDate>`)));
      expect(tooLong.skipped).toEqual([{ position: 1, reason: 'title longer than 500 characters' }]);
    });
  });

  describe('Atom', () => {
    it('reads html and xhtml text, the alternate link, and the feed’s author when an entry has none', () => {
      const feed = parseFeed(
        atom(
          `<entry>
             <title type="html">Labour &amp;amp; the &lt;em&gt;unions&lt;/em&gt;</title>
             <link rel="self" href="https://example.com/api/1"/><link rel="alternate" type="text/html" href="https://example.com/1"/>
             <id>urn:uuid:1</id><updated>2023-02-28T10:00:00+01:00</updated>
             <summary type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Inline text</p></div></summary>
             <content type="html">&lt;p&gt;The whole article, which is not a standfirst&lt;/p&gt;</content>
           </entry>`,
          '<author><name>The Staggers desk</name></author>',
        ),
      );
      expect(feed.articles).toEqual([
        expect.objectContaining({
          url: 'https://example.com/1',
          guid: 'urn:uuid:1',
          title: 'Labour & the unions',
          standfirst: 'Inline text',
          author: 'The Staggers desk',
          publishedAt: new Date('2023-02-28T09:00:00Z'),
        }),
      ]);
    });

    it('prefers published to updated, and marks partner content by its category', () => {
      const feed = parseFeed(
        atom(`<entry><title>Partner</title><link href="https://example.com/p"/><id>urn:p</id>
                <published>2023-02-27T08:00:00Z</published><updated>2023-03-01T08:00:00Z</updated>
                <category term="partners" label="Content from our partners"/><category term="Spotlight"/></entry>`),
      );
      expect(feed.articles[0]).toMatchObject({ publishedAt: new Date('2023-02-27T08:00:00Z'), sponsored: true, section: 'Spotlight', topics: ['Spotlight'] });
    });
  });

  describe('documents that are not feeds', () => {
    it('rejects malformed XML, naming the problem', () => {
      const broken = rss(basic(1) + '<item><title>Unclosed</title><link>https://example.com/b</link>');
      expect(() => parseFeed(broken)).toThrow(FeedFormatError);
      expect(() => parseFeed(broken)).toThrow(/^not well-formed XML: Expected closing tag 'item' .* instead of closing tag 'channel' \(line \d+, column \d+\)$/);
    });

    it('rejects an HTML page', () => {
      const page = '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>New Statesman</title></head><body><p>Hello</body></html>';
      expect(() => parseFeed(page)).toThrow('the URL returned an HTML page, not an RSS or Atom feed');
      expect(() => parseFeed('<html xmlns="http://www.w3.org/1999/xhtml"><body/></html>')).toThrow(/HTML page/);
    });

    it('rejects well-formed XML of another kind, plain text and an empty body', () => {
      expect(() => parseFeed('<?xml version="1.0"?><urlset><url><loc>https://example.com/</loc></url></urlset>')).toThrow(
        'not an RSS or Atom feed (the document is <urlset>)',
      );
      expect(() => parseFeed('Service unavailable')).toThrow(/not well-formed XML/);
      expect(() => parseFeed('  \n')).toThrow('the document is empty');
    });

    it('accepts a feed with no items', () => {
      expect(parseFeed(rss(''))).toEqual({ format: 'rss', articles: [], skipped: [] });
    });
  });
});
