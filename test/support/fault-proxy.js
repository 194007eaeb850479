"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.FaultProxy = void 0;
const node_net_1 = require("node:net");
class FaultProxy {
    targetHost;
    targetPort;
    server;
    pairs = new Set();
    latencyMs = 0;
    reopen;
    listening = false;
    port = 0;
    constructor(targetHost, targetPort) {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
    }
    static forUrl(url) {
        const parsed = new URL(url);
        return new FaultProxy(parsed.hostname, Number(parsed.port));
    }
    async start() {
        this.server = (0, node_net_1.createServer)((client) => this.accept(client));
        await this.listen();
        return this;
    }
    async listen() {
        await new Promise((resolve) => this.server.listen(this.port, '127.0.0.1', resolve));
        this.port = this.server.address().port;
        this.listening = true;
    }
    url(url) {
        const parsed = new URL(url);
        parsed.hostname = '127.0.0.1';
        parsed.port = String(this.port);
        return parsed.toString();
    }
    cut() {
        for (const [client, upstream] of this.pairs) {
            client.destroy();
            upstream.destroy();
        }
        this.pairs.clear();
    }
    outage(ms) {
        clearTimeout(this.reopen);
        if (this.listening) {
            this.listening = false;
            this.server.close();
        }
        this.cut();
        this.reopen = setTimeout(() => void this.restore(), ms);
    }
    async restore() {
        clearTimeout(this.reopen);
        if (!this.listening)
            await this.listen();
    }
    latency(ms) {
        this.latencyMs = ms;
    }
    async stop() {
        clearTimeout(this.reopen);
        this.cut();
        if (this.listening)
            await new Promise((resolve) => this.server.close(() => resolve()));
        this.listening = false;
    }
    accept(client) {
        client.on('error', () => undefined);
        const upstream = (0, node_net_1.createConnection)({ host: this.targetHost, port: this.targetPort });
        upstream.on('error', () => client.destroy());
        client.on('error', () => upstream.destroy());
        const pair = [client, upstream];
        this.pairs.add(pair);
        const forget = () => {
            this.pairs.delete(pair);
            client.destroy();
            upstream.destroy();
        };
        client.on('close', forget);
        upstream.on('close', forget);
        this.pipe(client, upstream);
        this.pipe(upstream, client);
    }
    pipe(from, to) {
        from.on('data', (chunk) => {
            if (this.latencyMs === 0) {
                if (!to.destroyed)
                    to.write(chunk);
                return;
            }
            from.pause();
            setTimeout(() => {
                if (!to.destroyed)
                    to.write(chunk);
                from.resume();
            }, this.latencyMs);
        });
    }
}
exports.FaultProxy = FaultProxy;
//# sourceMappingURL=fault-proxy.js.map