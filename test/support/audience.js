"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.seedAudience = seedAudience;
async function seedAudience(t, newsletterSlug, counts, prefix = 'reader') {
    const [{ id: newsletterId }] = await t.rows(`SELECT id FROM newsletters WHERE slug = $1`, [newsletterSlug]);
    const emails = { active: [], pending: [], unsubscribed: [], suppressed: [] };
    await t.db.transaction(async () => {
        for (const status of Object.keys(emails)) {
            for (let n = 0; n < (counts[status] ?? 0); n += 1) {
                const email = `${prefix}-${status}-${n}@example.com`;
                const [{ id }] = (await t.db.query(`INSERT INTO subscribers (email, suppressed_at, created_at, updated_at)
             VALUES ($1, ${status === 'suppressed' ? 'now()' : 'NULL'}, now(), now()) RETURNING id`, [email])).rows;
                await t.db.query(`INSERT INTO subscriptions (subscriber_id, newsletter_id, status, created_at, updated_at) VALUES ($1, $2, $3, now(), now())`, [id, newsletterId, status === 'suppressed' ? 'active' : status]);
                emails[status].push(email);
            }
        }
    });
    return emails;
}
//# sourceMappingURL=audience.js.map