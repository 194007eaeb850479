import { LinkTokens } from '../src/tokens/link-tokens';
import { startApp, TestApp } from './support/app';
import { linkIn, Page } from './support/reader';

describe('links in mail: forged, expired, used and misused tokens', () => {
  let t: TestApp;
  let alice: { id: number; publicId: string; confirmUrl: string; preferencesUrl: string; unsubscribeUrl: string };
  let bob: { id: number; preferencesUrl: string; unsubscribeUrl: string };

  /** Everything a token could change, to compare before and after. */
  const snapshot = async () => ({
    subscriptions: await t.rows(`SELECT subscriber_id, newsletter_id, status FROM subscriptions ORDER BY 1, 2`),
    sectors: await t.rows(`SELECT id, job_sector_id FROM subscribers ORDER BY id`),
    ledger: await t.rows(`SELECT id FROM consent_events ORDER BY id`),
    used: await t.rows(`SELECT id, used_at FROM account_emails ORDER BY id`),
  });

  async function signUp(email: string) {
    await t.reader().postJson('/subscribe', { email, newsletters: ['the-saturday-read', 'morning-call'], jobSector: 'marketing' });
    const [mail] = await t.smtp.waitFor(email);
    const [{ id, public_id: publicId }] = await t.rows<{ id: number; public_id: string }>(`SELECT id, public_id FROM subscribers WHERE email = $1`, [email]);
    const html = mail.parsed.html as string;
    return {
      id: Number(id),
      publicId,
      confirmUrl: linkIn(html, /Confirm my subscription/),
      preferencesUrl: linkIn(html, /Manage your newsletters/),
      unsubscribeUrl: linkIn(html, /^unsubscribe$/),
    };
  }

  function expectFriendlyRefusal(page: Page): void {
    expect([400, 404]).toContain(page.status);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.text).toContain('This link does not work');
    expect(page.body).not.toMatch(/Error:|at \w+ \(|node_modules/);
  }

  const withToken = (url: string, token: string) => {
    const u = new URL(url);
    u.searchParams.set('token', token);
    return u.toString();
  };

  beforeAll(async () => {
    t = await startApp();
    alice = await signUp('alice@example.com');
    bob = await signUp('bob@example.com');
  });

  afterAll(async () => {
    await t?.close();
  });

  describe('confirmation', () => {
    it('refuses a tampered token on the page and on the button, changing nothing', async () => {
      const before = await snapshot();
      const token = new URL(alice.confirmUrl).searchParams.get('token')!;
      const tampered = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
      expectFriendlyRefusal(await t.reader().get(withToken(alice.confirmUrl, tampered)));
      expectFriendlyRefusal(await t.reader().get(withToken(alice.confirmUrl, 'x')));
      expectFriendlyRefusal(await t.reader().get(`${t.url}/confirm`));
      const reader = t.reader();
      const page = await reader.get(alice.confirmUrl);
      expectFriendlyRefusal(await reader.submit(page, { token: tampered }));
      expect(await snapshot()).toEqual(before);
    });

    it('refuses an expired token (older than 72 hours), changing nothing', async () => {
      const email = 'late@example.com';
      const late = await signUp(email);
      const [row] = await t.rows<{ created_at: string; expires_at: string }>(
        `SELECT a.created_at, a.expires_at FROM account_emails a JOIN subscribers s ON s.id = a.subscriber_id WHERE s.email = $1`,
        [email],
      );
      expect(new Date(row.expires_at).getTime() - new Date(row.created_at).getTime()).toBeCloseTo(72 * 3600 * 1000, -4);
      // 72 hours pass.
      await t.db.query(`UPDATE account_emails SET expires_at = now() - interval '1 second' WHERE subscriber_id = $1`, [late.id]);
      const before = await snapshot();
      expectFriendlyRefusal(await t.reader().get(late.confirmUrl));
      const token = new URL(late.confirmUrl).searchParams.get('token')!;
      const reader = t.reader();
      await reader.get('/');
      const csrf = (await reader.get('/')).dom.querySelector('input[name=_csrf]')!.getAttribute('value')!;
      expectFriendlyRefusal(await reader.postForm('/confirm', { _csrf: csrf, token }));
      expect(await snapshot()).toEqual(before);
    });

    it('does nothing with a token used once already, and tells an active reader they are confirmed', async () => {
      const reader = t.reader();
      const page = await reader.get(alice.confirmUrl);
      expect((await reader.submit(page)).status).toBe(200);
      const before = await snapshot();
      const again = await reader.submit(page);
      expect(again.status).toBe(200);
      expect(again.text).toContain('You are already confirmed');
      expect(await snapshot()).toEqual(before);
    });

    it('refuses a used token once its reader has left every newsletter', async () => {
      const carol = await signUp('carol@example.com');
      const reader = t.reader();
      const page = await reader.get(carol.confirmUrl);
      expect((await reader.submit(page)).status).toBe(200);
      expect((await reader.submit(await reader.get(carol.unsubscribeUrl))).status).toBe(200);
      const before = await snapshot();
      expectFriendlyRefusal(await reader.submit(page));
      expectFriendlyRefusal(await reader.get(carol.confirmUrl));
      expect(await snapshot()).toEqual(before);
    });
  });

  describe('preferences and unsubscribe', () => {
    it("refuses another reader's payload under my signature, and a token signed with another secret", async () => {
      const before = await snapshot();
      const mine = new URL(alice.preferencesUrl).searchParams.get('token')!;
      const theirs = new URL(bob.preferencesUrl).searchParams.get('token')!;
      const swapped = [theirs.split('.')[0], ...mine.split('.').slice(1)].join('.');
      expectFriendlyRefusal(await t.reader().get(withToken(alice.preferencesUrl, swapped)));
      const foreign = new LinkTokens('another-secret-another-secret-another-secret').sign('unsubscribe', alice.publicId, null);
      const response = await fetch(withToken(alice.unsubscribeUrl, foreign), {
        method: 'POST',
        body: 'List-Unsubscribe=One-Click',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      expect(response.status).toBe(400);
      expect(await snapshot()).toEqual(before);
    });

    it('refuses a token made for another purpose', async () => {
      const before = await snapshot();
      const preferencesToken = new URL(alice.preferencesUrl).searchParams.get('token')!;
      const unsubscribeToken = new URL(alice.unsubscribeUrl).searchParams.get('token')!;
      const asUnsubscribe = await fetch(withToken(alice.unsubscribeUrl, preferencesToken), { method: 'POST' });
      expect(asUnsubscribe.status).toBe(400);
      expectFriendlyRefusal(await t.reader().get(withToken(alice.preferencesUrl, unsubscribeToken)));
      expect(await snapshot()).toEqual(before);
    });

    it('changes nothing on a preferences post with a forged token or without the CSRF token', async () => {
      const reader = t.reader();
      const page = await reader.get(alice.preferencesUrl);
      expect(page.status).toBe(200);
      const before = await snapshot();
      const csrf = page.dom.querySelector('input[name=_csrf]')!.getAttribute('value')!;
      expectFriendlyRefusal(await reader.postForm(withToken(alice.preferencesUrl, 'AgAAAAEAAA.forged.forged'), { _csrf: csrf, action: 'leave' }));
      const noCsrf = await t.reader().postForm(alice.preferencesUrl, { newsletters: [], action: 'leave' });
      expect(noCsrf.status).toBe(403);
      expect(await snapshot()).toEqual(before);
    });

    it('rejects an unknown newsletter or sector in the preference centre, changing nothing', async () => {
      const reader = t.reader();
      const page = await reader.get(alice.preferencesUrl);
      const before = await snapshot();
      const bad = await reader.submit(page, { jobSector: 'astronaut' }, { button: 'button[value=save]' });
      expect(bad.status).toBe(400);
      expect(bad.dom.querySelector('#jobSector-error')?.textContent).toContain('Choose a job sector from the list');
      const unknown = await reader.submit(page, { newsletters: ['the-sun'] }, { button: 'button[value=save]' });
      expect(unknown.status).toBe(400);
      expect(await snapshot()).toEqual(before);
    });

    it('only shows a page when an unsubscribe link is opened: the button does the work', async () => {
      const before = await snapshot();
      const page = await t.reader().get(bob.unsubscribeUrl);
      expect(page.status).toBe(200);
      expect(page.dom.querySelectorAll('form button')).toHaveLength(1);
      expect(await snapshot()).toEqual(before);
      const left = await t.reader().submit(page);
      expect(left.status).toBe(200);
      expect(left.text).toContain('You have unsubscribed');
      const statuses = await t.rows<{ status: string }>(`SELECT status FROM subscriptions WHERE subscriber_id = $1`, [bob.id]);
      expect(statuses.map((s) => s.status)).toEqual(['unsubscribed', 'unsubscribed']);
    });
  });
});
