"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.Deployment = void 0;
exports.eventually = eventually;
const editor_1 = require("./editor");
const processes_1 = require("./processes");
class Deployment {
    t;
    workers = [];
    api;
    constructor(t) {
        this.t = t;
        this.api = (0, editor_1.editorApi)(t, editor_1.EDITOR_TOKEN);
    }
    async startWorkers(count, env = {}) {
        const started = Array.from({ length: count }, () => (0, processes_1.startWorker)({ EDITOR_TOKEN: editor_1.EDITOR_TOKEN, ...env }));
        this.workers.push(...started);
        await Promise.all(started.map((worker) => waitForOutput(worker, /Worker started/, 60_000)));
        return started;
    }
    async stopWorkers() {
        for (const worker of this.workers.splice(0)) {
            if (worker.exitCode === null && worker.signalCode === null)
                worker.kill('SIGKILL');
            await (0, processes_1.exited)(worker);
        }
    }
    async send(newsletter, articleUrl) {
        const [articleId] = await (0, editor_1.insertArticles)(this.t, [{ url: articleUrl, title: `Fault-suite article ${articleUrl.slice(-8)}` }]);
        const composed = await this.api.post('/api/newsletters/' + newsletter + '/editions', { articleIds: [articleId] });
        if (composed.status !== 201)
            throw new Error(`compose answered ${composed.status}: ${composed.text}`);
        const started = await this.api.post(`/api/editions/${composed.json.id}/send`);
        if (started.status !== 202)
            throw new Error(`send answered ${started.status}: ${started.text}`);
        return composed.json.id;
    }
    copies(emails) {
        return new Map(emails.map((email) => [email, this.t.smtp.to(email).length]));
    }
    async waitForReaders(emails, count, timeoutMs = 60_000) {
        const deadline = Date.now() + timeoutMs;
        while ([...this.copies(emails).values()].filter((n) => n > 0).length < count) {
            if (Date.now() > deadline)
                throw new Error(`Fewer than ${count} readers were sent anything;\n${this.output()}`);
            await new Promise((resolve) => setTimeout(resolve, 20));
        }
    }
    output() {
        return this.workers.map((worker, i) => `--- worker ${i} ---\n${worker.output().slice(-3000)}`).join('\n');
    }
}
exports.Deployment = Deployment;
async function waitForOutput(worker, pattern, timeoutMs) {
    const deadline = Date.now() + timeoutMs;
    while (!pattern.test(worker.output())) {
        if (worker.exitCode !== null || Date.now() > deadline)
            throw new Error(`The worker did not print ${pattern}:\n${worker.output().slice(-3000)}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
    }
}
async function eventually(what, check, timeoutMs) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
        const found = await check();
        if (found)
            return found;
        if (Date.now() > deadline)
            throw new Error(`${what}: not within ${timeoutMs / 1000} s`);
        await new Promise((resolve) => setTimeout(resolve, 100));
    }
}
//# sourceMappingURL=deployment.js.map