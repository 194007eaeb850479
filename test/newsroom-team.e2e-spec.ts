import { randomBytes } from 'node:crypto';
import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { EditorAudit } from '../src/editors/editor-audit.service';
import type { EditorRole } from '../src/editors/editor-roles';
import { QUEUES } from '../src/queue/queues';
import { hashToken } from '../src/tokens/link-tokens';
import { startApp, TestApp } from './support/app';
import { seedAudience } from './support/audience';
import { editorApi, insertArticles } from './support/editor';
import { createEditor, signIn, signInLink } from './support/newsroom';
import { runCli } from './support/processes';
import { basicAuth, POSTMARK, postWebhook } from './support/provider-webhooks';
import { Page, Reader } from './support/reader';

const ADMIN = 'chief@newstatesman.co.uk';
const BOOTSTRAPPED = 'founder@newstatesman.co.uk';
const ROLES: EditorRole[] = ['writer', 'editor', 'admin'];

/**
 * The least role each newsroom page and API route needs. The walk below takes the routes from
 * the application's router: a route that is not listed here fails the test, so none can be added
 * without saying who may use it.
 */
const NEEDS: Record<string, EditorRole> = {
  'GET /newsroom': 'writer',
  'GET /newsroom/articles': 'writer',
  'POST /newsroom/articles/import': 'editor',
  'GET /newsroom/editions': 'writer',
  'GET /newsroom/editions/:id': 'writer',
  'GET /newsroom/compose/:slug': 'writer',
  'POST /newsroom/compose/:slug': 'writer',
  'GET /newsroom/editions/:id/edit': 'writer',
  'POST /newsroom/editions/:id/edit': 'writer',
  'POST /newsroom/editions/:id/test': 'writer',
  'POST /newsroom/note-preview': 'writer',
  'GET /newsroom/editions/:id/preview': 'writer',
  'GET /newsroom/editions/:id/preview.html': 'writer',
  'GET /newsroom/editions/:id/send': 'editor',
  'POST /newsroom/editions/:id/send': 'editor',
  'GET /newsroom/editions/:id/progress': 'editor',
  'GET /newsroom/editions/:id/progress.json': 'editor',
  'POST /newsroom/editions/:id/pause': 'editor',
  'POST /newsroom/editions/:id/resume': 'editor',
  'POST /newsroom/editions/:id/cancel': 'editor',
  'GET /newsroom/editions/:id/report': 'editor',
  'POST /newsroom/editions/:id/archive': 'editor',
  'GET /newsroom/readers': 'editor',
  'GET /newsroom/readers/:id/export': 'editor',
  'GET /newsroom/readers/:id/erase': 'editor',
  'POST /newsroom/readers/:id/erase': 'editor',
  'POST /newsroom/readers/:id/suppress': 'editor',
  'POST /newsroom/readers/:id/unsuppress': 'editor',
  'GET /newsroom/readers/import': 'editor',
  'POST /newsroom/readers/import': 'editor',
  'GET /newsroom/schedules': 'writer',
  'POST /newsroom/schedules/:slug': 'editor',
  'GET /newsroom/team': 'admin',
  'POST /newsroom/team/invite': 'admin',
  'POST /newsroom/team/:id/role': 'admin',
  'POST /newsroom/team/:id/remove': 'admin',
  'POST /newsroom/team/:id/name': 'admin',
  'GET /newsroom/account': 'writer',
  'POST /newsroom/account/name': 'writer',
  'GET /newsroom/audit': 'admin',
  'GET /newsroom/audit.csv': 'admin',
  'GET /newsroom/recruits': 'writer',
  'GET /newsroom/newsletters/:slug': 'admin',
  'POST /newsroom/newsletters/:slug/welcome': 'admin',
  'GET /newsroom/signup-forms': 'admin',
  'GET /api/signups/sources': 'writer',
  'POST /api/articles': 'writer',
  'GET /api/articles': 'writer',
  'POST /api/newsletters/:slug/editions': 'writer',
  'GET /api/editions': 'writer',
  'PATCH /api/editions/:id': 'writer',
  'GET /api/editions/:id': 'writer',
  'GET /api/editions/:id/preview': 'writer',
  'POST /api/editions/:id/test': 'writer',
  'POST /api/editions/:id/send': 'editor',
  'POST /api/editions/:id/pause': 'editor',
  'POST /api/editions/:id/resume': 'editor',
  'POST /api/editions/:id/cancel': 'editor',
  'PUT /api/editions/:id/archive': 'editor',
  'GET /api/editions/:id/clicks': 'editor',
  'GET /api/newsletters/:slug/schedule': 'writer',
  'PUT /api/newsletters/:slug/schedule': 'editor',
  'GET /api/readers': 'editor',
  'GET /api/readers/:id/export': 'editor',
  'DELETE /api/readers/:id': 'editor',
};
/** Routes anyone may reach: signing in, and the readers' own API. */
const PUBLIC = new Set([
  'GET /newsroom/sign-in',
  'POST /newsroom/sign-in',
  'GET /newsroom/sign-in/confirm',
  'POST /newsroom/sign-in/confirm',
  'POST /newsroom/sign-out',
  'GET /api/newsletters',
  'GET /api/job-sectors',
]);

/** Every route the application's router holds under /newsroom and /api, as `METHOD /path`. */
function routesOf(t: TestApp): string[] {
  const express = t.app.getHttpAdapter().getInstance() as { router: { stack: Array<{ route?: { path: string; methods: Record<string, boolean> } }> } };
  return express.router.stack
    .flatMap((layer) => (layer.route ? Object.keys(layer.route.methods).map((method) => `${method.toUpperCase()} ${layer.route!.path}`) : []))
    .filter((route) => / \/(newsroom|api)(\/|$)/.test(route) && !route.includes('/api/docs'));
}

/** A session for an editor, written as signing in writes it (set-up: signing in is tested elsewhere). */
async function sessionFor(t: TestApp, email: string): Promise<string> {
  const session = randomBytes(32).toString('base64url');
  await t.rows(`INSERT INTO editor_sessions (id_hash, editor_id, last_seen_at, created_at) SELECT $1, id, now(), now() FROM editors WHERE email = $2`, [hashToken(session), email]);
  return session;
}

/** A browser holding that session, and a CSRF token for its forms. */
async function browserWith(t: TestApp, session: string): Promise<{ browser: Reader; csrf: string }> {
  const browser = t.reader();
  (browser as unknown as { cookies: Map<string, string> }).cookies.set('nl.newsroom', session);
  const page = await browser.get('/newsroom');
  return { browser, csrf: page.dom.querySelector('input[name=_csrf]')?.getAttribute('value') ?? '' };
}

const field = (page: Page, selector: string) => page.dom.querySelector(selector)?.getAttribute('value') ?? '';

describe('a newsroom team: roles, the team page, the audit log, and the editor-side defects', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startApp({
      env: { NEWSROOM_ADMINS: BOOTSTRAPPED, EDITOR_AUTH_FAILURES_PER_10_MIN: '5', POSTMARK_WEBHOOK_USER: POSTMARK.user, POSTMARK_WEBHOOK_PASSWORD: POSTMARK.password },
    });
    await createEditor(t, ADMIN, 'admin');
  });

  afterAll(async () => {
    await t?.close();
  });

  describe('roles', () => {
    it('NEWSROOM_ADMINS makes its addresses admins at start, and editor:create takes --role', async () => {
      expect(await t.rows(`SELECT email, role FROM editors WHERE email = $1`, [BOOTSTRAPPED])).toEqual([{ email: BOOTSTRAPPED, role: 'admin' }]);
      const made = await runCli(['editor:create', 'cli.writer@newstatesman.co.uk', '--role', 'writer']);
      expect(made.code).toBe(0);
      expect(made.stdout).toContain('created as writer');
      expect(await t.rows(`SELECT role FROM editors WHERE email = 'cli.writer@newstatesman.co.uk'`)).toEqual([{ role: 'writer' }]);
      expect((await runCli(['editor:create', 'cli.owner@newstatesman.co.uk', '--role', 'owner'])).code).not.toBe(0);
      expect(await t.rows(`SELECT 1 FROM editors WHERE email = 'cli.owner@newstatesman.co.uk'`)).toEqual([]);
    });

    it('every newsroom page and API route is refused to a role below the one it needs, and only then', async () => {
      const routes = routesOf(t);
      expect(routes.length).toBeGreaterThan(40);
      // A route nobody has given a role to fails here, before it can reach production.
      expect(routes.filter((route) => !(route in NEEDS) && !PUBLIC.has(route))).toEqual([]);

      const who: Record<EditorRole, { browser: Reader; csrf: string; token: string }> = {} as never;
      for (const role of ROLES) {
        const email = `walk.${role}@newstatesman.co.uk`;
        const token = await createEditor(t, email, role);
        who[role] = { ...(await browserWith(t, await sessionFor(t, email))), token };
      }
      // Ids and slugs that name nothing: a route the role may use answers 404 or 400, never 403,
      // and nothing changes either way.
      const concrete = (path: string) => path.replace(':id', '2000000000').replace(':slug', 'no-such-newsletter');
      const refusals: string[] = [];
      for (const route of Object.keys(NEEDS)) {
        const [method, path] = route.split(' ');
        for (const role of ROLES) {
          const { browser, csrf, token } = who[role];
          let status: number;
          if (path.startsWith('/api/')) {
            status = (await editorApi(t, token, browser.ip)[method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete'](concrete(path), method === 'GET' || method === 'DELETE' ? undefined : {})).status;
          } else if (method === 'GET') {
            status = (await browser.get(concrete(path))).status;
          } else {
            // The readers' import checks its own CSRF token in the multipart body, after the role.
            status = (await browser.postForm(concrete(path), { _csrf: csrf })).status;
          }
          const allowed = ROLES.indexOf(role) >= ROLES.indexOf(NEEDS[route]);
          if (allowed === (status === 403)) refusals.push(`${route} as ${role}: ${status}`);
        }
      }
      expect(refusals).toEqual([]);
    });

    it('a writer sends tests to their own address only, in the newsroom and through the API', async () => {
      const email = 'test.writer@newstatesman.co.uk';
      const token = await createEditor(t, email, 'writer');
      const { browser, csrf } = await browserWith(t, await sessionFor(t, email));
      await insertArticles(t, [{ url: 'https://www.newstatesman.com/politics/2026/12/writer-test', title: 'A piece to test' }]);
      const composed = await editorApi(t, token, '10.56.0.1').post('/api/newsletters/morning-call/editions', {});
      expect(composed.status).toBe(201);
      const draft = composed.json.id as number;
      const elsewhere = await browser.postForm(`/newsroom/editions/${draft}/test`, { _csrf: csrf, to: 'someone.else@example.com' });
      expect(elsewhere.status).toBe(400);
      expect(elsewhere.text).toContain('your own address only');
      const api = await editorApi(t, token, browser.ip).post(`/api/editions/${draft}/test`, { to: ['someone.else@example.com'] });
      expect(api.status).toBe(400);
      await t.drain();
      expect(t.smtp.to('someone.else@example.com')).toHaveLength(0);

      const own = await browser.postForm(`/newsroom/editions/${draft}/test`, { _csrf: csrf });
      expect(own.redirectedFrom[0]?.status).toBe(303);
      await t.smtp.waitFor(email, 1);
    });
  });

  describe('the team page', () => {
    it('an admin invites a writer, who signs in with the invitation; the admin changes their role, then removes them and their session ends', async () => {
      const { editor: admin } = await signIn(t, ADMIN);
      const team = await admin.get('/newsroom/team');
      expect(team.status).toBe(200);
      expect(team.dom.querySelector('h1')?.text).toBe('Team');

      const writer = 'new.writer@newstatesman.co.uk';
      const invited = await admin.submit(team, { email: writer, displayName: 'Nia Writer', role: 'writer' }, { form: 'form[action="/newsroom/team/invite"]' });
      expect(invited.text).toContain('Invitation sent.');
      expect(invited.dom.querySelector(`tr[data-email="${writer}"] .member-role`)?.text).toBe('Writer');
      expect(invited.dom.querySelector(`tr[data-email="${writer}"]`)?.text).toContain('Not signed in yet');

      const mail = (await t.smtp.waitFor(writer, 1))[0];
      expect(mail.parsed.subject).toContain('invited you');
      expect(String(mail.parsed.text)).toContain('accepts the invitation');
      const browser = t.reader();
      const confirm = await browser.get(await signInLink(t, writer));
      const dashboard = await browser.submit(confirm);
      expect(dashboard.dom.querySelector('h1')?.text).toBe('Dashboard');
      // A writer's navigation has no readers, team, audit log or queues; the server refuses them too.
      const nav = dashboard.dom.querySelectorAll('.newsroom-nav a').map((a) => a.text);
      expect(nav).not.toEqual(expect.arrayContaining(['Readers']));
      expect(nav.filter((text) => ['Readers', 'Team', 'Audit log', 'Queues'].includes(text))).toEqual([]);
      expect(dashboard.dom.querySelector('.newsroom-nav .who')?.text).toBe('Nia Writer');
      expect((await browser.get('/newsroom/readers')).status).toBe(403);
      expect((await browser.get('/newsroom/team')).status).toBe(403);

      const listed = await admin.get('/newsroom/team');
      const row = listed.dom.querySelector(`tr[data-email="${writer}"]`)!;
      expect(row.querySelector('.member-sessions')?.text).toBe('1');
      expect(row.querySelector('time')).not.toBeNull();

      const id = /\/newsroom\/team\/(\d+)\/role/.exec(row.querySelector('form')!.getAttribute('action')!)![1];
      const renamed = await admin.submit(listed, { displayName: 'Nia Editor' }, { form: `form[action="/newsroom/team/${id}/name"]` });
      expect(renamed.text).toContain('Display name saved.');
      expect(renamed.dom.querySelector(`tr[data-email="${writer}"] th`)?.text).toContain('Nia Editor');
      const changed = await admin.submit(renamed, { role: 'editor' }, { form: `form[action="/newsroom/team/${id}/role"]` });
      expect(changed.dom.querySelector(`tr[data-email="${writer}"] .member-role`)?.text).toBe('Editor');
      expect((await browser.get('/newsroom/readers')).status).toBe(200);

      const removed = await admin.submit(changed, {}, { form: `form[action="/newsroom/team/${id}/remove"]` });
      expect(removed.text).toContain('their sessions have ended');
      expect(removed.dom.querySelector(`tr[data-email="${writer}"]`)).toBeNull();
      const after = await browser.get('/newsroom');
      expect(new URL(after.url).pathname).toBe('/newsroom/sign-in');
    });

    it('a removed member invited again gets back in by email, never by their old API token', async () => {
      const email = 'returning@newstatesman.co.uk';
      const token = await createEditor(t, email, 'editor');
      const api = editorApi(t, token, '10.57.0.1');
      expect((await api.get('/api/editions')).status).toBe(200);
      const { browser: admin, csrf } = await browserWith(t, await sessionFor(t, ADMIN));
      const team = await admin.get('/newsroom/team');
      const id = /\/newsroom\/team\/(\d+)\/role/.exec(team.dom.querySelector(`tr[data-email="${email}"] form`)!.getAttribute('action')!)![1];
      expect((await admin.postForm(`/newsroom/team/${id}/remove`, { _csrf: csrf })).redirectedFrom[0]?.status).toBe(303);
      expect((await api.get('/api/editions')).status).toBe(403);
      const invited = await admin.postForm('/newsroom/team/invite', { _csrf: csrf, email, role: 'writer' });
      expect(invited.dom.querySelector(`tr[data-email="${email}"] .member-role`)?.text).toBe('Writer');
      expect((await api.get('/api/editions')).status).toBe(401);
      await t.smtp.waitFor(email, 1);
    });

    it('every member names themselves on their account page: checked, audited as their own action, and used at once', async () => {
      const email = 'self.named@newstatesman.co.uk';
      await createEditor(t, email, 'writer');
      const { browser: writer } = await browserWith(t, await sessionFor(t, email));
      const dashboard = await writer.get('/newsroom');
      const link = dashboard.dom.querySelectorAll('.newsroom-nav a').find((a) => a.text === 'Your account');
      expect(link?.getAttribute('href')).toBe('/newsroom/account');
      const account = await writer.get('/newsroom/account');
      expect(account.status).toBe(200);
      expect(account.dom.querySelector('h1')?.text).toBe('Your account');
      expect(account.dom.querySelector('[data-sign-off]')?.text).toBe(`Your notes are signed “— ${email}”.`);
      const form = 'form[action="/newsroom/account/name"]';

      // Refused, each with the field named, and nothing stored or logged.
      const csrf = field(account, 'input[name=_csrf]');
      for (const [displayName, message] of [
        ['x'.repeat(101), 'A display name has at most 100 characters'],
        ['Sam\nSmith', 'A display name cannot hold control characters such as tabs or line breaks'],
        ['Sam \u202eevil', 'A display name cannot hold control characters such as tabs or line breaks'],
      ]) {
        const refused = await writer.submit(account, { displayName }, { form });
        expect({ displayName, status: refused.status }).toEqual({ displayName, status: 400 });
        expect(refused.dom.querySelector('#displayName-error')?.text).toContain(message);
        expect(refused.dom.querySelector('#displayName')?.getAttribute('aria-invalid')).toBe('true');
      }
      const missing = await writer.postForm('/newsroom/account/name', { _csrf: csrf });
      expect(missing.status).toBe(400);
      expect(missing.dom.querySelector('#displayName-error')).not.toBeNull();
      // Without the form's CSRF token nothing is taken either.
      expect((await writer.postForm('/newsroom/account/name', { displayName: 'Forged Name' })).status).toBe(403);
      expect(await t.rows(`SELECT display_name FROM editors WHERE email = $1`, [email])).toEqual([{ display_name: null }]);

      const saved = await writer.submit(account, { displayName: '  Sam Self  ' }, { form });
      expect(saved.status).toBe(200);
      expect(new URL(saved.url).pathname).toBe('/newsroom/account');
      expect(saved.dom.querySelector('.flash')?.text).toBe('Your name is saved.');
      expect(saved.dom.querySelector('.newsroom-nav .who')?.text).toBe('Sam Self');
      expect(saved.dom.querySelector('[data-sign-off]')?.text).toBe('Your notes are signed “— Sam Self”.');
      expect(await t.rows(`SELECT display_name FROM editors WHERE email = $1`, [email])).toEqual([{ display_name: 'Sam Self' }]);
      // The same name again changes and records nothing.
      await writer.submit(saved, { displayName: 'Sam Self' }, { form });

      // At once on the compose page's sign-off and on the admins' team page.
      const compose = await writer.get('/newsroom/compose/morning-call');
      expect(compose.dom.querySelector('label[for=signNote]')?.text).toBe('Sign the note “— Sam Self”');
      const { browser: admin } = await browserWith(t, await sessionFor(t, ADMIN));
      expect((await admin.get('/newsroom/team')).dom.querySelector(`tr[data-email="${email}"] th`)?.text).toContain('Sam Self');
      const logged = (await admin.get('/newsroom/audit?action=account.name')).dom.querySelectorAll('table.audit tbody tr');
      expect(logged.map((row) => [row.getAttribute('data-action'), row.querySelector('.audit-who')?.text])).toEqual([['account.name', 'Sam Self']]);
      expect(logged[0].text).toContain('named Sam Self');

      // Emptied, they are named by their address again.
      const cleared = await writer.submit(await writer.get('/newsroom/account'), { displayName: '' }, { form });
      expect(cleared.dom.querySelector('.newsroom-nav .who')?.text).toBe(email);
      expect(await t.rows(`SELECT action, detail FROM editor_audit WHERE action = 'account.name' ORDER BY id`)).toEqual([
        { action: 'account.name', detail: 'named Sam Self' },
        { action: 'account.name', detail: 'name removed' },
      ]);
    });

    it('the last admin cannot be demoted or removed', async () => {
      // Everyone else who is an admin steps down first, so ADMIN is the last one.
      await t.rows(`UPDATE editors SET role = 'editor' WHERE role = 'admin' AND email NOT IN ($1, 'bootstrap@editor.invalid')`, [ADMIN]);
      const { editor: admin } = await signIn(t, ADMIN);
      const team = await admin.get('/newsroom/team');
      const row = team.dom.querySelector(`tr[data-email="${ADMIN}"]`)!;
      const id = /\/newsroom\/team\/(\d+)\/role/.exec(row.querySelector('form')!.getAttribute('action')!)![1];
      const demoted = await admin.submit(team, { role: 'writer' }, { form: `form[action="/newsroom/team/${id}/role"]` });
      expect(demoted.status).toBe(409);
      expect(demoted.text).toContain('at least one admin');
      const removed = await admin.submit(team, {}, { form: `form[action="/newsroom/team/${id}/remove"]` });
      expect(removed.status).toBe(409);
      expect(await t.rows(`SELECT role, revoked_at FROM editors WHERE email = $1`, [ADMIN])).toEqual([{ role: 'admin', revoked_at: null }]);
      await t.rows(`UPDATE editors SET role = 'admin' WHERE email = $1`, [BOOTSTRAPPED]);
    });
  });

  describe('the audit log', () => {
    it('records who did what to which reader, shows it with filters, keyset pages and CSV, and on the reader page', async () => {
      const { editor: admin, dashboard } = await signIn(t, ADMIN);
      const { active } = await seedAudience(t, 'morning-call', { active: 1 }, 'audited');
      const [{ id: readerId }] = await t.rows<{ id: number }>(`SELECT id FROM subscribers WHERE email = $1`, [active[0]]);
      const csrf = field(dashboard, 'input[name=_csrf]');
      const suppressed = await admin.postForm(`/newsroom/readers/${readerId}/suppress`, { _csrf: csrf, reason: 'Asked us by phone' });
      expect(suppressed.status).toBe(200);

      const log = await admin.get('/newsroom/audit');
      expect(log.status).toBe(200);
      const rows = log.dom.querySelectorAll('table.audit tbody tr');
      const suppression = rows.find((r) => r.getAttribute('data-action') === 'reader.suppress')!;
      expect(suppression.querySelector('.audit-who')?.text).toBe(ADMIN);
      expect(suppression.querySelector('.audit-which')?.text).toBe(`Reader ${readerId}`);
      expect(suppression.text).not.toContain(active[0]);
      expect(rows.some((r) => r.getAttribute('data-action') === 'sign-in' && r.querySelector('.audit-who')?.text === ADMIN)).toBe(true);

      const filtered = await admin.get('/newsroom/audit?action=reader.suppress');
      expect(filtered.dom.querySelectorAll('table.audit tbody tr').map((r) => r.getAttribute('data-action'))).toEqual(['reader.suppress']);
      const csv = await admin.get('/newsroom/audit.csv?action=reader.suppress');
      expect(csv.headers.get('content-type')).toContain('text/csv');
      expect(csv.body.split('\r\n')[1]).toContain(`"reader.suppress"`);
      expect(csv.body).toContain(`"${readerId}"`);

      const readerPage = await admin.get(`/newsroom/readers?email=${encodeURIComponent(active[0])}`);
      expect(readerPage.dom.querySelector('table.reader-audit')?.text).toContain('Suppressed a reader');

      // Keyset pages: 60 more entries, 50 a page, and the next page starts below the last shown.
      await t.rows(`INSERT INTO editor_audit (editor_id, action, detail, created_at) SELECT NULL, 'sign-in.failed', 'page ' || g, now() FROM generate_series(1, 60) g`);
      const first = await admin.get('/newsroom/audit?action=sign-in.failed');
      expect(first.dom.querySelectorAll('table.audit tbody tr')).toHaveLength(50);
      const older = first.dom.querySelector('a[rel=next]')!.getAttribute('href')!;
      const second = await admin.get(older);
      const ids = (page: Page) => page.dom.querySelectorAll('.audit-what').map((w) => w.text);
      expect(ids(second).length).toBeGreaterThanOrEqual(10);
      expect(ids(second).filter((text) => ids(first).includes(text))).toEqual([]);
    });

    it('is append-only: the database refuses changes and deletions, but lets retention take entries past AUDIT_RETENTION_DAYS', async () => {
      await expect(t.rows(`UPDATE editor_audit SET action = 'sign-in' WHERE action = 'reader.suppress'`)).rejects.toThrow('editor_audit is append-only');
      await expect(t.rows(`DELETE FROM editor_audit`)).rejects.toThrow('editor_audit is append-only');
      await t.rows(`INSERT INTO editor_audit (editor_id, action, detail, created_at) VALUES (NULL, 'sign-in.failed', 'from long ago', now() - interval '731 days')`);
      const before = (await t.rows<{ n: number }>(`SELECT count(*)::int AS n FROM editor_audit`))[0].n;
      expect(await t.app.get(EditorAudit).prune()).toBe(1);
      expect((await t.rows<{ n: number }>(`SELECT count(*)::int AS n FROM editor_audit`))[0].n).toBe(before - 1);
      expect(await t.rows(`SELECT 1 FROM editor_audit WHERE detail = 'from long ago'`)).toEqual([]);
    });
  });

  describe('editor-side defects', () => {
    it('(2) a newsroom request with only the session cookie is refused, whatever its content type', async () => {
      const { browser: editor } = await browserWith(t, await sessionFor(t, ADMIN));
      const before = await t.rows(`SELECT count(*)::int AS n FROM editor_audit WHERE action = 'schedule.change'`);
      for (const [type, body] of [
        ['application/json', JSON.stringify({ preset: 'none', timezone: 'Europe/London' })],
        ['text/plain', 'preset=none'],
      ]) {
        const res = await fetch(`${t.url}/newsroom/schedules/morning-call`, {
          method: 'POST',
          redirect: 'manual',
          headers: { 'content-type': type, cookie: editor.cookieHeader(), 'x-forwarded-for': editor.ip },
          body,
        });
        expect(res.status).toBe(403);
      }
      expect(await t.rows(`SELECT count(*)::int AS n FROM editor_audit WHERE action = 'schedule.change'`)).toEqual(before);
    });

    it('(3) Bull Board: writers get no board, editors only look, admins change queues from this site only', async () => {
      const as = async (role: EditorRole) => {
        const email = `board.${role}@newstatesman.co.uk`;
        await createEditor(t, email, role);
        return `nl.newsroom=${await sessionFor(t, email)}`;
      };
      const feeds = t.app.get<Queue>(getQueueToken(QUEUES.feeds), { strict: false });
      const jobs = async () => (await feeds.getJobs(['waiting', 'delayed', 'active', 'completed', 'failed'])).filter((job) => job.name === 'planted').length;
      const add = (cookie: string, headers: Record<string, string> = {}) =>
        fetch(`${t.url}/admin/queues/api/queues/${QUEUES.feeds}/add`, {
          method: 'POST',
          headers: { cookie, 'content-type': 'text/plain', ...headers },
          body: JSON.stringify({ name: 'planted', data: {} }),
        });

      const writer = await as('writer');
      expect((await fetch(`${t.url}/admin/queues/api/queues`, { headers: { cookie: writer } })).status).toBe(403);
      const editor = await as('editor');
      expect((await fetch(`${t.url}/admin/queues/api/queues`, { headers: { cookie: editor } })).status).toBe(200);
      expect((await add(editor, { origin: t.url })).status).toBe(403);
      const admin = await as('admin');
      expect((await add(admin)).status).toBe(403);
      expect((await add(admin, { origin: 'https://evil.example' })).status).toBe(403);
      expect(await jobs()).toBe(0);
      const allowed = await add(admin, { origin: t.url, 'content-type': 'application/json' });
      expect(allowed.status).not.toBe(403);
    });

    it('(5) failed Postmark credentials count with the other credential checks, and block the address', async () => {
      const client = { 'x-forwarded-for': '10.55.0.1' };
      for (let i = 0; i < 5; i += 1) expect((await postWebhook(`${t.url}/webhooks/postmark`, '{}', { ...basicAuth(POSTMARK.user, 'guess'), ...client })).status).toBe(401);
      const blocked = await postWebhook(`${t.url}/webhooks/postmark`, '{}', { ...basicAuth(POSTMARK.user, POSTMARK.password), ...client });
      expect(blocked.status).toBe(429);
      // The same count as the editor API's: that address is blocked there too.
      expect((await editorApi(t, 'nsed_wrong', '10.55.0.1').get('/api/editions')).status).toBe(429);
      const elsewhere = await postWebhook(`${t.url}/webhooks/postmark`, '{}', { ...basicAuth(POSTMARK.user, POSTMARK.password), 'x-forwarded-for': '10.55.0.2' });
      expect([200, 400]).toContain(elsewhere.status);
    });
  });
});

describe('the newsroom over https', () => {
  let t: TestApp;
  const EDITOR = 'https.editor@newstatesman.co.uk';

  beforeAll(async () => {
    t = await startApp({ env: { PUBLIC_URL: 'https://newsroom.example', NEWSROOM_SESSION_MAX_HOURS: '2' } });
    await createEditor(t, EDITOR, 'editor');
  });

  afterAll(async () => {
    await t?.close();
  });

  it('(1) the sign-in form does the same work for an editor as for a stranger: the link is made and mailed by a queued job', async () => {
    const editors = t.app.get<Queue>(getQueueToken(QUEUES.editors), { strict: false });
    // Held, so what the request itself did can be seen before the job runs.
    await editors.pause();
    const waiting = await editors.getWaitingCount();
    for (const email of [EDITOR, 'stranger@example.com']) {
      const visitor = t.reader();
      const form = await visitor.get('/newsroom/sign-in');
      const cookie = form.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
      const res = await fetch(`${t.url}/newsroom/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie, 'x-forwarded-for': visitor.ip },
        body: new URLSearchParams({ email, _csrf: field(form, 'input[name=_csrf]') }).toString(),
      });
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('Check your inbox');
    }
    // Nothing about the editor was looked up or written while answering.
    expect(await t.rows(`SELECT id FROM editor_sign_in_links`)).toEqual([]);
    expect(await editors.getWaitingCount()).toBe(waiting + 2);
    await editors.resume();
    await t.smtp.waitFor(EDITOR, 1);
    await t.drain();
    expect(t.smtp.to('stranger@example.com')).toHaveLength(0);
  });

  it('(4) only the __Host- cookie is accepted, and a session ends NEWSROOM_SESSION_MAX_HOURS after sign-in however busy', async () => {
    const session = await sessionFor(t, EDITOR);
    const get = (cookie: string) => fetch(`${t.url}/newsroom`, { redirect: 'manual', headers: { cookie } });
    const planted = await get(`nl.newsroom=${session}`);
    expect(planted.status).toBe(303);
    expect(planted.headers.get('location')).toContain('/newsroom/sign-in');
    expect((await get(`__Host-nl.newsroom=${session}`)).status).toBe(200);

    await t.rows(`UPDATE editor_sessions SET created_at = now() - interval '3 hours', last_seen_at = now() WHERE id_hash = $1`, [hashToken(session)]);
    expect((await get(`__Host-nl.newsroom=${session}`)).status).toBe(303);
  });
});
