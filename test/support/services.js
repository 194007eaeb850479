"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.REDIS_URL = void 0;
exports.createDatabase = createDatabase;
exports.freePort = freePort;
exports.dropRedisPrefix = dropRedisPrefix;
const node_crypto_1 = require("node:crypto");
const node_net_1 = require("node:net");
const ioredis_1 = __importDefault(require("ioredis"));
const pg_1 = require("pg");
exports.REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
async function createDatabase(adminUrl, label) {
    const name = `nl_${label}_${(0, node_crypto_1.randomBytes)(5).toString('hex')}`;
    const admin = new pg_1.Client({ connectionString: adminUrl });
    await admin.connect();
    try {
        await admin.query(`CREATE DATABASE ${name}`);
    }
    finally {
        await admin.end();
    }
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    return {
        name,
        url: url.toString(),
        drop: async () => {
            const client = new pg_1.Client({ connectionString: adminUrl });
            await client.connect();
            try {
                await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
            }
            finally {
                await client.end();
            }
        },
    };
}
async function freePort() {
    return new Promise((resolve, reject) => {
        const server = (0, node_net_1.createServer)();
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => {
            const { port } = server.address();
            server.close(() => resolve(port));
        });
    });
}
async function dropRedisPrefix(prefix, url = exports.REDIS_URL) {
    const redis = new ioredis_1.default(url);
    try {
        let cursor = '0';
        do {
            const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
            if (keys.length > 0)
                await redis.del(...keys);
            cursor = next;
        } while (cursor !== '0');
    }
    finally {
        await redis.quit();
    }
}
//# sourceMappingURL=services.js.map