import { readFileSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';

/** A 1×1 PNG: an article picture a browser can really decode. */
const PIXEL = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64');

const EMPTY = '<?xml version="1.0"?><rss version="2.0"><channel><title>New Statesman</title><link>https://www.newstatesman.com</link></channel></rss>';

/**
 * The magazine's feed on loopback: empty until `publish()`, then the sample feed built from the
 * seed page, with its pictures served here too (so a page can show that they load).
 */
export class FeedServer {
  private server?: Server;
  private body = EMPTY;
  url = '';
  /** How many pictures were fetched, by path. */
  readonly imageHits = new Map<string, number>();

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      res.on('error', () => undefined);
      if (req.url === '/feed.rss') {
        res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(this.body);
      } else if (req.url?.startsWith('/images/')) {
        this.imageHits.set(req.url, (this.imageHits.get(req.url) ?? 0) + 1);
        res.writeHead(200, { 'content-type': 'image/png', 'content-length': PIXEL.length }).end(PIXEL);
      } else {
        res.writeHead(404).end('Not found');
      }
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  get feedUrl(): string {
    return `${this.url}/feed.rss`;
  }

  /** The sample feed's articles appear, their pictures pointing here. */
  publish(): void {
    const sample = readFileSync(join(__dirname, '..', '..', 'samples', 'new-statesman.rss'), 'utf8');
    this.body = sample.replace(/https:\/\/www\.newstatesman\.com\/wp-content\/uploads\/[^"]*?\/([\w-]+)\.jpg/g, `${this.url}/images/$1.png`);
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
