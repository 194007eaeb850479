"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const typeorm_1 = require("typeorm");
const entities_1 = require("../src/database/entities");
const migrations_1 = require("../src/database/migrations");
const _1764720300000_ReadersData_1 = require("../src/database/migrations/1764720300000-ReadersData");
const database_1 = require("./support/database");
const services_1 = require("./support/services");
const MINE = 1764720300000;
const timestamp = (migration) => Number(/\d{13}/.exec(migration.name)[0]);
describe('the readers-data migration', () => {
    let database;
    beforeAll(async () => {
        database = await (0, services_1.createDatabase)(database_1.ADMIN_DATABASE_URL, 'migration');
    });
    afterAll(async () => {
        await database?.drop();
    });
    const open = async (upTo) => {
        const ds = new typeorm_1.DataSource({ type: 'postgres', url: database.url, migrations: migrations_1.migrations.filter(upTo), migrationsTableName: 'migrations' });
        await ds.initialize();
        return ds;
    };
    it('moves IP addresses, user agents and sectors of existing ledger rows to consent_evidence, keeping every row', async () => {
        const before = await open((m) => timestamp(m) < MINE);
        await before.runMigrations();
        const [{ id }] = (await before.query(`INSERT INTO subscribers (email, created_at, updated_at) VALUES ('old.reader@example.com', now(), now()) RETURNING id`));
        await before.query(`INSERT INTO consent_events (subscriber_id, newsletter_id, event, notice_version, source, ip, user_agent, details, created_at) VALUES
       ($1, 1, 'subscribed', 1, 'https://example.com/', '192.0.2.5', 'OldBrowser/1.0', '{"jobSector":"marketing"}', now()),
       ($1, 1, 'preferences_changed', 1, 'https://example.com/preferences', '192.0.2.6', 'OldBrowser/1.0', '{"from":"active","to":"unsubscribed"}', now()),
       ($1, NULL, 'preferences_changed', 1, 'https://example.com/preferences', NULL, NULL, '{"jobSector":{"from":"marketing","to":null}}', now()),
       ($1, 1, 'unsubscribed', 1, 'one-click', NULL, NULL, NULL, now())`, [id]);
        const ledger = (await before.query(`SELECT id, event, source, created_at FROM consent_events ORDER BY id`));
        await before.destroy();
        const after = await open((m) => timestamp(m) <= MINE);
        await after.runMigrations();
        expect(await after.query(`SELECT id, event, source, created_at FROM consent_events ORDER BY id`)).toEqual(ledger);
        expect(await after.query(`SELECT details FROM consent_events ORDER BY id`)).toEqual([
            { details: null },
            { details: '{"from":"active","to":"unsubscribed"}' },
            { details: null },
            { details: null },
        ]);
        expect(await after.query(`SELECT event_id, ip, user_agent, details FROM consent_evidence ORDER BY event_id`)).toEqual([
            { event_id: ledger[0].id, ip: '192.0.2.5', user_agent: 'OldBrowser/1.0', details: '{"jobSector":"marketing"}' },
            { event_id: ledger[1].id, ip: '192.0.2.6', user_agent: 'OldBrowser/1.0', details: null },
            { event_id: ledger[2].id, ip: null, user_agent: null, details: '{"jobSector":{"from":"marketing","to":null}}' },
        ]);
        const columns = (await after.query(`SELECT column_name FROM information_schema.columns WHERE table_name = 'consent_events'`));
        expect(columns.map((c) => c.column_name)).not.toEqual(expect.arrayContaining(['ip']));
        expect(columns.map((c) => c.column_name)).not.toEqual(expect.arrayContaining(['user_agent']));
        await expect(after.query(`UPDATE consent_events SET source = 'x' WHERE id = $1`, [ledger[0].id])).rejects.toThrow(/append-only/);
        await expect(after.query(`DELETE FROM consent_events WHERE id = $1`, [ledger[0].id])).rejects.toThrow(/append-only/);
        const last = (await after.query(`SELECT name FROM migrations ORDER BY id DESC LIMIT 1`));
        expect(last[0].name).toBe(new _1764720300000_ReadersData_1.ReadersData1764720300000().name);
        await after.undoLastMigration();
        expect(await after.query(`SELECT ip, user_agent, details FROM consent_events ORDER BY id`)).toEqual([
            { ip: '192.0.2.5', user_agent: 'OldBrowser/1.0', details: '{"jobSector":"marketing"}' },
            { ip: '192.0.2.6', user_agent: 'OldBrowser/1.0', details: '{"from":"active","to":"unsubscribed"}' },
            { ip: null, user_agent: null, details: '{"jobSector":{"from":"marketing","to":null}}' },
            { ip: null, user_agent: null, details: null },
        ]);
        await after.destroy();
    });
    it('leaves no drift between the entities and the migrated tables it touches', async () => {
        const ds = new typeorm_1.DataSource({ type: 'postgres', url: database.url, entities: entities_1.entities, migrations: migrations_1.migrations, migrationsTableName: 'migrations' });
        await ds.initialize();
        await ds.runMigrations();
        const { upQueries } = await ds.driver.createSchemaBuilder().log();
        const mine = upQueries.map((q) => q.query).filter((q) => /"(consent_events|consent_evidence|subscribers)"/.test(q));
        expect(mine).toEqual([]);
        await ds.destroy();
    });
});
//# sourceMappingURL=readers-data-migration.e2e-spec.js.map