"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.redisPrefix = exports.REDIS_URL = exports.freePort = exports.dropRedisPrefix = void 0;
exports.freshDatabase = freshDatabase;
exports.serverVersions = serverVersions;
const node_crypto_1 = require("node:crypto");
const ioredis_1 = __importDefault(require("ioredis"));
const pg_1 = require("pg");
const services_1 = require("../../test/support/services");
var services_2 = require("../../test/support/services");
Object.defineProperty(exports, "dropRedisPrefix", { enumerable: true, get: function () { return services_2.dropRedisPrefix; } });
Object.defineProperty(exports, "freePort", { enumerable: true, get: function () { return services_2.freePort; } });
Object.defineProperty(exports, "REDIS_URL", { enumerable: true, get: function () { return services_2.REDIS_URL; } });
const ADMIN_DATABASE_URL = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
function freshDatabase(label) {
    return (0, services_1.createDatabase)(ADMIN_DATABASE_URL, `bench_${label}`);
}
async function serverVersions() {
    const pg = new pg_1.Client({ connectionString: ADMIN_DATABASE_URL });
    const redis = new ioredis_1.default(services_1.REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
    try {
        await pg.connect();
        await redis.connect();
        const postgres = (await pg.query('SHOW server_version')).rows[0].server_version;
        const info = await redis.info('server');
        return { postgres, redis: /redis_version:(\S+)/.exec(info)?.[1] ?? null };
    }
    finally {
        await pg.end().catch(() => undefined);
        redis.disconnect();
    }
}
const redisPrefix = (label) => `bench-${label}-${(0, node_crypto_1.randomBytes)(4).toString('hex')}`;
exports.redisPrefix = redisPrefix;
//# sourceMappingURL=services.js.map