import type { TestApp } from './app';

export type SeedStatus = 'active' | 'pending' | 'unsubscribed' | 'suppressed';

/**
 * Readers of a newsletter in each state, written straight to the database (set-up data, not the
 * system under test). Addresses are `<prefix>-<status>-<n>@example.com`.
 */
export async function seedAudience(
  t: TestApp,
  newsletterSlug: string,
  counts: Partial<Record<SeedStatus, number>>,
  prefix = 'reader',
): Promise<Record<SeedStatus, string[]>> {
  const [{ id: newsletterId }] = await t.rows<{ id: number }>(`SELECT id FROM newsletters WHERE slug = $1`, [newsletterSlug]);
  const emails: Record<SeedStatus, string[]> = { active: [], pending: [], unsubscribed: [], suppressed: [] };
  await t.db.transaction(async () => {
    for (const status of Object.keys(emails) as SeedStatus[]) {
      for (let n = 0; n < (counts[status] ?? 0); n += 1) {
        const email = `${prefix}-${status}-${n}@example.com`;
        const [{ id }] = (
          await t.db.query<{ id: number }>(
            `INSERT INTO subscribers (email, suppressed_at, created_at, updated_at)
             VALUES ($1, ${status === 'suppressed' ? 'now()' : 'NULL'}, now(), now()) RETURNING id`,
            [email],
          )
        ).rows;
        await t.db.query(
          `INSERT INTO subscriptions (subscriber_id, newsletter_id, status, created_at, updated_at) VALUES ($1, $2, $3, now(), now())`,
          [id, newsletterId, status === 'suppressed' ? 'active' : status],
        );
        emails[status].push(email);
      }
    }
  });
  return emails;
}
