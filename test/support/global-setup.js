"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.default = globalSetup;
const pg_1 = require("pg");
const redis_connection_1 = require("../../src/queue/redis-connection");
const database_1 = require("./database");
async function globalSetup() {
    const client = new pg_1.Client({ connectionString: database_1.ADMIN_DATABASE_URL });
    try {
        await client.connect();
        await client.query('SELECT 1');
    }
    catch (error) {
        throw new Error(`PostgreSQL at ${database_1.ADMIN_DATABASE_URL} is not reachable (set DATABASE_URL to a server whose user may create databases): ${error.message}`);
    }
    finally {
        await client.end().catch(() => undefined);
    }
    const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
    await (0, redis_connection_1.pingRedis)(redisUrl).catch((error) => {
        throw new Error(`Redis at ${redisUrl} is not reachable: ${error.message}`);
    });
}
//# sourceMappingURL=global-setup.js.map