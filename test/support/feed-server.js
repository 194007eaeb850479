"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.FeedServer = void 0;
const node_fs_1 = require("node:fs");
const node_http_1 = require("node:http");
const node_path_1 = require("node:path");
const PIXEL = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64');
const EMPTY = '<?xml version="1.0"?><rss version="2.0"><channel><title>New Statesman</title><link>https://www.newstatesman.com</link></channel></rss>';
class FeedServer {
    server;
    body = EMPTY;
    url = '';
    imageHits = new Map();
    async start() {
        this.server = (0, node_http_1.createServer)((req, res) => {
            res.on('error', () => undefined);
            if (req.url === '/feed.rss') {
                res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(this.body);
            }
            else if (req.url?.startsWith('/images/')) {
                this.imageHits.set(req.url, (this.imageHits.get(req.url) ?? 0) + 1);
                res.writeHead(200, { 'content-type': 'image/png', 'content-length': PIXEL.length }).end(PIXEL);
            }
            else {
                res.writeHead(404).end('Not found');
            }
        });
        await new Promise((resolve) => this.server.listen(0, '127.0.0.1', resolve));
        this.url = `http://127.0.0.1:${this.server.address().port}`;
        return this;
    }
    get feedUrl() {
        return `${this.url}/feed.rss`;
    }
    publish() {
        const sample = (0, node_fs_1.readFileSync)((0, node_path_1.join)(__dirname, '..', '..', 'samples', 'new-statesman.rss'), 'utf8');
        this.body = sample.replace(/https:\/\/www\.newstatesman\.com\/wp-content\/uploads\/[^"]*?\/([\w-]+)\.jpg/g, `${this.url}/images/$1.png`);
    }
    async close() {
        await new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    }
}
exports.FeedServer = FeedServer;
//# sourceMappingURL=feed-server.js.map