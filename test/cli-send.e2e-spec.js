"use strict";
var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __setModuleDefault = (this && this.__setModuleDefault) || (Object.create ? (function(o, v) {
    Object.defineProperty(o, "default", { enumerable: true, value: v });
}) : function(o, v) {
    o["default"] = v;
});
var __importStar = (this && this.__importStar) || (function () {
    var ownKeys = function(o) {
        ownKeys = Object.getOwnPropertyNames || function (o) {
            var ar = [];
            for (var k in o) if (Object.prototype.hasOwnProperty.call(o, k)) ar[ar.length] = k;
            return ar;
        };
        return ownKeys(o);
    };
    return function (mod) {
        if (mod && mod.__esModule) return mod;
        var result = {};
        if (mod != null) for (var k = ownKeys(mod), i = 0; i < k.length; i++) if (k[i] !== "default") __createBinding(result, mod, k[i]);
        __setModuleDefault(result, mod);
        return result;
    };
})();
Object.defineProperty(exports, "__esModule", { value: true });
const audience_1 = require("./support/audience");
const editor_1 = require("./support/editor");
const processes_1 = require("./support/processes");
describe('npm run cli -- send <newsletter>', () => {
    let t;
    beforeAll(async () => {
        process.env.APP_ROLE = 'api';
        const { startApp } = await Promise.resolve().then(() => __importStar(require('./support/app')));
        t = await startApp();
    });
    afterAll(async () => {
        await t?.close();
    });
    it('composes from new articles, sends, shows progress and exits when the edition is done', async () => {
        const readers = (await (0, audience_1.seedAudience)(t, 'the-saturday-read', { active: 60, unsubscribed: 5 }, 'cli')).active;
        await (0, editor_1.insertArticles)(t, [
            { url: 'https://www.newstatesman.com/the-staggers/2023/03/lukashenko', title: 'Why Alexander Lukashenko’s trip to China matters', author: 'Katie Stallard' },
        ]);
        const result = await (0, processes_1.runCli)(['send', 'the-saturday-read'], { APP_ROLE: 'all' });
        expect(result.code).toBe(0);
        expect(result.stdout).toContain('to 60 readers');
        expect(result.stderr).toMatch(/100% \| 60\/60 sent \| 0 failed/);
        expect(result.stdout).toMatch(/Edition \d+ sent: 60 sent, 0 failed, 0 skipped/);
        for (const email of readers)
            expect(t.smtp.to(email)).toHaveLength(1);
        expect(t.smtp.to(readers[0])[0].parsed.subject).toBe('The Saturday Read: Why Alexander Lukashenko’s trip to China matters');
    });
    it('says so, and exits 1, when there is nothing new to send', async () => {
        const result = await (0, processes_1.runCli)(['send', 'the-saturday-read'], { APP_ROLE: 'all' });
        expect(result.code).toBe(1);
        expect(result.stderr).toContain('No new articles for The Saturday Read');
        const unknown = await (0, processes_1.runCli)(['send', 'the-sunday-read']);
        expect(unknown.code).toBe(1);
        expect(unknown.stderr).toContain('No newsletter the-sunday-read');
    });
    it('feed:import, with no URL and no FEED_URLS in its shell, says to pass the URL', async () => {
        const result = await (0, processes_1.runCli)(['feed:import'], { FEED_URLS: '' });
        expect(result.code).toBe(1);
        expect(result.stderr).toContain('No feed to import: pass its URL');
        expect(result.stderr).toContain('npm run cli -- feed:import http');
        const sample = await (0, processes_1.runCli)(['feed:import', `${t.url}/samples/new-statesman.rss`]);
        expect(sample.stdout).toContain('8 imported');
        expect(sample.code).toBe(0);
    });
});
//# sourceMappingURL=cli-send.e2e-spec.js.map