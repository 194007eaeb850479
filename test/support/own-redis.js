"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.OwnRedis = void 0;
const node_child_process_1 = require("node:child_process");
const ioredis_1 = __importDefault(require("ioredis"));
const services_1 = require("./services");
class OwnRedis {
    child;
    port = 0;
    async start() {
        this.port ||= await (0, services_1.freePort)();
        this.child = (0, node_child_process_1.spawn)('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
            stdio: 'ignore',
        });
        const deadline = Date.now() + 10_000;
        for (;;) {
            const probe = new ioredis_1.default({ port: this.port, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
            probe.on('error', () => undefined);
            try {
                await probe.connect();
                await probe.ping();
                return this;
            }
            catch {
                if (Date.now() > deadline)
                    throw new Error(`redis-server did not start on port ${this.port}`);
                await new Promise((resolve) => setTimeout(resolve, 50));
            }
            finally {
                probe.disconnect();
            }
        }
    }
    get url() {
        return `redis://127.0.0.1:${this.port}`;
    }
    async stop() {
        const child = this.child;
        if (!child || child.exitCode !== null)
            return;
        const exited = new Promise((resolve) => child.once('exit', resolve));
        const client = new ioredis_1.default({ port: this.port, maxRetriesPerRequest: 0, retryStrategy: () => null });
        client.on('error', () => undefined);
        await client.call('SHUTDOWN', 'NOSAVE').catch(() => undefined);
        client.disconnect();
        await exited;
    }
    async restartEmpty(downMs = 0) {
        await this.stop();
        if (downMs > 0)
            await new Promise((resolve) => setTimeout(resolve, downMs));
        await this.start();
    }
}
exports.OwnRedis = OwnRedis;
//# sourceMappingURL=own-redis.js.map