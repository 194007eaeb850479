"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.startApp = startApp;
const node_crypto_1 = require("node:crypto");
const node_fs_1 = require("node:fs");
const node_os_1 = require("node:os");
const node_path_1 = require("node:path");
const bullmq_1 = require("@nestjs/bullmq");
const app_1 = require("../../src/app");
const db_service_1 = require("../../src/database/db.service");
const queues_1 = require("../../src/queue/queues");
const database_1 = require("./database");
const reader_1 = require("./reader");
const services_1 = require("./services");
const smtp_1 = require("./smtp");
let readers = 0;
async function startApp(options = {}) {
    const database = await (0, database_1.freshDatabase)();
    if (options.databaseUrl && database.env.DATABASE_URL)
        database.env.DATABASE_URL = options.databaseUrl(database.env.DATABASE_URL);
    const smtp = options.smtp ?? (await new smtp_1.SmtpSink().start());
    const port = await (0, services_1.freePort)();
    const prefix = `t${(0, node_crypto_1.randomBytes)(5).toString('hex')}`;
    const varDir = (0, node_fs_1.mkdtempSync)((0, node_path_1.join)((0, node_os_1.tmpdir)(), 'nl-var-'));
    const env = {
        ...database.env,
        PORT: String(port),
        PUBLIC_URL: `http://127.0.0.1:${port}`,
        QUEUE_PREFIX: prefix,
        SMTP_URL: smtp.url,
        VAR_DIR: varDir,
        ...options.env,
    };
    for (const [key, value] of Object.entries(env)) {
        if (value === undefined)
            delete process.env[key];
        else
            process.env[key] = value;
    }
    const app = await (0, app_1.createHttpApp)();
    await app.listen(port, '127.0.0.1');
    const url = `http://127.0.0.1:${port}`;
    const db = app.get(db_service_1.Db);
    const queueNames = Object.values(queues_1.QUEUES);
    const queues = queueNames.flatMap((name) => {
        try {
            return [app.get((0, bullmq_1.getQueueToken)(name), { strict: false })];
        }
        catch {
            return [];
        }
    });
    return {
        url,
        app,
        db,
        smtp,
        prefix,
        reader: () => {
            readers += 1;
            return new reader_1.Reader(url, `10.${(process.pid >> 8) & 255}.${process.pid & 255}.${readers}`);
        },
        async drain(timeoutMs = 30_000) {
            const deadline = Date.now() + timeoutMs;
            const busy = async (queue) => {
                const counts = await queue.getJobCounts('waiting', 'active', 'prioritized', 'waiting-children');
                const delayed = (await queue.getDelayed()).filter((job) => !job.repeatJobKey);
                return Object.values(counts).reduce((a, b) => a + b, 0) + delayed.length;
            };
            for (;;) {
                const counts = await Promise.all(queues.map(busy));
                if (counts.every((n) => n === 0))
                    return;
                if (Date.now() > deadline)
                    throw new Error(`Queues did not drain: ${JSON.stringify(counts)}`);
                await new Promise((resolve) => setTimeout(resolve, 50));
            }
        },
        async rows(sql, params = []) {
            return (await db.query(sql, params)).rows;
        },
        async close() {
            await app.close();
            if (!options.smtp)
                await smtp.stop();
            await (0, services_1.dropRedisPrefix)(prefix);
            await database.drop();
            (0, node_fs_1.rmSync)(varDir, { recursive: true, force: true });
        },
    };
}
//# sourceMappingURL=app.js.map