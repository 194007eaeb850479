"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ADMIN_DATABASE_URL = void 0;
exports.freshDatabase = freshDatabase;
const services_1 = require("./services");
exports.ADMIN_DATABASE_URL = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const EMBEDDED = process.env.TEST_DATABASE === 'embedded';
async function freshDatabase() {
    if (EMBEDDED)
        return { env: { DATABASE_URL: undefined }, drop: async () => undefined };
    const database = await (0, services_1.createDatabase)(exports.ADMIN_DATABASE_URL, 'test');
    return { env: { DATABASE_URL: database.url }, drop: database.drop };
}
//# sourceMappingURL=database.js.map