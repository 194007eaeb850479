import { readFileSync } from 'node:fs';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { generate } from 'selfsigned';

/** A 1×1 PNG: an article picture a browser can really decode. */
const PIXEL = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64');

const EMPTY = '<?xml version="1.0"?><rss version="2.0"><channel><title>New Statesman</title><link>https://www.newstatesman.com</link></channel></rss>';

/**
 * The magazine's feed on loopback: empty until `publish()`, then the sample feed built from the
 * seed page, with its pictures served here too, over https as the magazine serves them (a
 * self-signed certificate: a browser context that shows them ignores HTTPS errors), so a page can
 * show that they load. `imagesUrl` serves the same pictures over plain http.
 */
export class FeedServer {
  private server?: Server;
  private pictures?: Server;
  private body = EMPTY;
  url = '';
  /** https://127.0.0.1:<port>: where the published feed's pictures are. */
  imagesUrl = '';
  /** How many pictures were fetched, by path, whichever way. */
  readonly imageHits = new Map<string, number>();

  async start(): Promise<this> {
    const handle = (req: IncomingMessage, res: ServerResponse) => {
      res.on('error', () => undefined);
      if (req.url === '/feed.rss') {
        res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(this.body);
      } else if (req.url?.startsWith('/images/')) {
        this.imageHits.set(req.url, (this.imageHits.get(req.url) ?? 0) + 1);
        res.writeHead(200, { 'content-type': 'image/png', 'content-length': PIXEL.length }).end(PIXEL);
      } else {
        res.writeHead(404).end('Not found');
      }
    };
    this.server = createServer(handle);
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    const pems = await generate([{ name: 'commonName', value: '127.0.0.1' }], { keySize: 2048, algorithm: 'sha256' });
    this.pictures = createHttpsServer({ key: pems.private, cert: pems.cert }, handle);
    await new Promise<void>((resolve) => this.pictures!.listen(0, '127.0.0.1', resolve));
    this.imagesUrl = `https://127.0.0.1:${(this.pictures.address() as AddressInfo).port}`;
    return this;
  }

  get feedUrl(): string {
    return `${this.url}/feed.rss`;
  }

  /** The sample feed's articles appear, their pictures pointing here. */
  publish(): void {
    const sample = readFileSync(join(__dirname, '..', '..', 'samples', 'new-statesman.rss'), 'utf8');
    this.body = sample.replace(/https:\/\/www\.newstatesman\.com\/wp-content\/uploads\/[^"]*?\/([\w-]+)\.jpg/g, `${this.imagesUrl}/images/$1.png`);
  }

  async close(): Promise<void> {
    for (const server of [this.server, this.pictures]) await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  }
}
