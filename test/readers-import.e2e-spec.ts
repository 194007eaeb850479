import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { ErasedAddresses } from '../src/readers/erased-addresses';
import { SuppressionService } from '../src/readers/suppression.service';
import { startApp, TestApp } from './support/app';
import { createEditor, signIn } from './support/newsroom';
import { runCli } from './support/processes';
import { linkIn, Reader } from './support/reader';

const EDITOR = 'imports.desk@newstatesman.test';
const BASIS = 'Ticked "Send me Morning Call" on the 2024 conference registration form';
const BULK = 10_000;
const SECTORS = ['Arts and Culture', 'marketing', 'OH&S, Risk Management', 'communications', 'Public Relations and Media'];

/** Every table an import could write, counted. */
const TABLES = ['subscribers', 'subscriptions', 'consent_events', 'consent_evidence', 'account_emails', 'erased_addresses', 'signup_requests', 'reader_actions'];

interface Report {
  file: string;
  newsletter: string;
  mode: string;
  dryRun: boolean;
  lines: number;
  created: number;
  alreadySubscribed: number;
  alreadyPending: number;
  skippedUnsubscribed: number;
  skippedSuppressed: number;
  skippedErased: number;
  duplicates: number;
  invalid: number;
  confirmationsQueued: number;
  confirmationsOverCap: number;
  invalidLines: Array<{ line: number; field: string; message: string }>;
  duplicateLines: Array<{ line: number; firstLine: number }>;
  complete: boolean;
  seconds: number;
}

describe('readers: import and export', () => {
  let t: TestApp;
  let editor: Reader;
  let dir: string;

  beforeAll(async () => {
    t = await startApp({ env: { IMPORT_UPLOAD_MAX_MB: '1' } });
    dir = mkdtempSync(join(tmpdir(), 'nl-import-'));
    await createEditor(t, EDITOR);
    ({ editor } = await signIn(t, EDITOR));

    // Readers already here, each through the real sign-up flow.
    await signUp('active@example.com', ['morning-call'], 'arts-and-culture');
    await signUp('pending@example.com', ['morning-call'], 'marketing', { confirm: false });
    const unsub = await signUp('unsub@example.com', ['morning-call'], 'marketing');
    const [, oneClick] = /<(http[^>]+)>/.exec(unsub.header('list-unsubscribe')!)!;
    expect((await fetch(oneClick, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' })).status).toBe(200);
    await signUp('suppressed@example.com', ['morning-call'], 'marketing');
    await t.app.get(SuppressionService).suppress([await idOf('suppressed@example.com')], 'hard bounce: 550 no such user');
    await signUp('saturday.only@example.com', ['the-saturday-read'], 'communications');
    await t.app.get(ErasedAddresses).add('erased@example.com');
    // Three sign-ups in a day: the address has had every account email it may get today.
    for (let i = 1; i <= 3; i += 1) await signUp('capped@example.com', ['morning-call'], 'marketing', { confirm: false, mails: i });
    await t.drain();
  });

  afterAll(async () => {
    await t?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** Signs up on the form and, unless told not to, confirms by the emailed link; the latest email. */
  async function signUp(email: string, newsletters: string[], jobSector: string, options: { confirm?: boolean; mails?: number } = {}) {
    const reader = t.reader();
    await reader.submit(await reader.get('/'), { email, newsletters, jobSector });
    const mails = await t.smtp.waitFor(email, options.mails ?? 1);
    const mail = mails[mails.length - 1];
    if (options.confirm !== false) await reader.submit(await reader.get(linkIn(String(mail.parsed.html), /Confirm my subscription/)));
    return mail;
  }

  const idOf = async (email: string) => (await t.rows<{ id: number }>(`SELECT id FROM subscribers WHERE email = $1`, [email]))[0].id;
  const counts = async () =>
    Object.fromEntries(await Promise.all(TABLES.map(async (table) => [table, (await t.rows<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0].n] as const)));
  const subscriptionsOf = (emails: string[]) =>
    t.rows<Record<string, unknown>>(
      `SELECT r.email, n.slug, s.status, s.created_at, s.confirmed_at, s.unsubscribed_at, s.updated_at, r.suppressed_at, r.job_sector_id, r.updated_at AS reader_updated_at
       FROM subscribers r JOIN subscriptions s ON s.subscriber_id = r.id JOIN newsletters n ON n.id = s.newsletter_id
       WHERE r.email = ANY($1::text[]) ORDER BY r.email, n.slug`,
      [emails],
    );
  const statusOf = async (email: string, slug: string) =>
    (
      await t.rows<{ status: string }>(
        `SELECT s.status FROM subscriptions s JOIN subscribers r ON r.id = s.subscriber_id JOIN newsletters n ON n.id = s.newsletter_id WHERE r.email = $1 AND n.slug = $2`,
        [email, slug],
      )
    )[0]?.status;

  /** The crafted file: every reason to skip a line, malformed lines, a BOM, quoted commas, CRLF, and BULK good rows. */
  function craftedCsv(): { path: string; lines: number } {
    const rows = [
      'email,job_sector,consented_at,source', // 1
      'active@example.com,marketing,2024-01-05,"Conference, 2024"', // 2: already subscribed (its sector stays arts-and-culture)
      'pending@example.com,marketing,2024-01-05,web', // 3: already awaiting confirmation
      'unsub@example.com,,2024-01-05,web', // 4: unsubscribed
      'Suppressed@Example.COM,,2024-01-05,web', // 5: suppressed
      'erased@example.com,,2024-01-05,web', // 6: erased
      'saturday.only@example.com,"OH&S, Risk Management",2024-01-05,"Stand 4, hall 2"', // 7: created (a known reader new to Morning Call)
      'not-an-address,,2024-01-05,', // 8: invalid email
      'new.reader@example.com,Plumbing,2024-01-05,', // 9: unknown sector
      'new.reader@example.com,,2024-13-45,', // 10: bad date
      'short,row', // 11: wrong column count
      '"header@example.com\r\nBcc: victim@example.com",,2024-01-05,', // 12-13: header injection, quoted
      'evil@example.com', // 14: header injection, unquoted: a line of one field...
      'Bcc: victim@example.com,,2024-01-05,', // 15: ...and an address that is not one
      '', // 16: blank
      'fresh.one@example.com,communications,2024-02-01T10:00:00Z,"Newsletter swap, partner site"', // 17: created
      'FRESH.ONE@example.com,,2024-02-01,', // 18: a repeat of line 17
    ];
    for (let i = 0; i < BULK; i += 1) rows.push(`bulk${i}@example.com,"${SECTORS[i % SECTORS.length]}",2024-03-${String((i % 28) + 1).padStart(2, '0')},"list, ${i % 7}"`);
    const path = join(dir, 'readers.csv');
    // A byte-order mark, CRLF throughout, and no line break after the last line.
    writeFileSync(path, `\ufeff${rows.join('\r\n')}`);
    return { path, lines: rows.length - 2 };
  }

  const expected = (lines: number, dryRun: boolean): Omit<Report, 'seconds'> => ({
    file: 'readers.csv',
    newsletter: 'morning-call',
    mode: 'confirmed',
    dryRun,
    lines,
    created: BULK + 2,
    alreadySubscribed: 1,
    alreadyPending: 1,
    skippedUnsubscribed: 1,
    skippedSuppressed: 1,
    skippedErased: 1,
    duplicates: 1,
    invalid: 7,
    confirmationsQueued: 0,
    confirmationsOverCap: 0,
    invalidLines: [
      { line: 8, field: 'email', message: 'not a valid address, like name@example.com' },
      { line: 9, field: 'job_sector', message: `unknown job sector "Plumbing": give one of the sign-up form's sectors, by label or slug` },
      { line: 10, field: 'consented_at', message: 'not an ISO 8601 date, like 2024-03-01 or 2024-03-01T09:30:00Z' },
      { line: 11, field: 'line', message: '2 fields where the header names 4' },
      { line: 12, field: 'email', message: 'not a valid address, like name@example.com' },
      { line: 14, field: 'line', message: '1 field where the header names 4' },
      { line: 15, field: 'email', message: 'not a valid address, like name@example.com' },
    ],
    duplicateLines: [{ line: 18, firstLine: 17 }],
    complete: true,
  });

  const importCli = (path: string, ...flags: string[]) =>
    runCli(['readers:import', path, '--newsletter', 'morning-call', '--consent', BASIS, '--json', ...flags]).then((run) => ({
      ...run,
      // The report is the first JSON object printed.
      report: run.code === 0 ? (JSON.parse(run.stdout.slice(run.stdout.indexOf('{\n'), run.stdout.indexOf('\n}', run.stdout.indexOf('{\n')) + 2)) as Report) : null,
    }));

  it('refuses a command without its consent basis or mode, naming the option, and writes nothing', async () => {
    const { path } = craftedCsv();
    const before = await counts();
    const noBasis = await runCli(['readers:import', path, '--newsletter', 'morning-call', '--confirmed']);
    expect(noBasis.code).toBe(1);
    expect(noBasis.stderr).toContain('--consent: Consent: say how these readers gave their consent');
    const noMode = await runCli(['readers:import', path, '--newsletter', 'morning-call', '--consent', BASIS]);
    expect(noMode.code).toBe(1);
    expect(noMode.stderr).toContain('--confirmed | --send-confirmation: Mode: choose');
    const noNewsletter = await runCli(['readers:import', path, '--newsletter', 'evening-call', '--consent', BASIS, '--confirmed']);
    expect(noNewsletter.stderr).toContain('--newsletter: Newsletter: no newsletter "evening-call"');
    expect(await counts()).toEqual(before);
  });

  it('a dry run reports every line and writes nothing; the import then does exactly that, leaving everyone it skips as they were', async () => {
    const { path, lines } = craftedCsv();
    const existing = ['active@example.com', 'pending@example.com', 'unsub@example.com', 'suppressed@example.com', 'saturday.only@example.com', 'capped@example.com'];
    const before = await counts();
    const stateBefore = await subscriptionsOf(existing);
    expect(stateBefore.map((row) => [row.email, row.slug, row.status, row.suppressed_at !== null])).toEqual([
      ['active@example.com', 'morning-call', 'active', false],
      ['capped@example.com', 'morning-call', 'pending', false],
      ['pending@example.com', 'morning-call', 'pending', false],
      ['saturday.only@example.com', 'the-saturday-read', 'active', false],
      ['suppressed@example.com', 'morning-call', 'active', true],
      ['unsub@example.com', 'morning-call', 'unsubscribed', false],
    ]);

    const dry = await importCli(path, '--confirmed', '--dry-run');
    expect(dry.stderr).toBe('');
    expect(dry.code).toBe(0);
    const { seconds: _dry, ...dryReport } = dry.report!;
    expect(dryReport).toEqual(expected(lines, true));
    expect(await counts()).toEqual(before);

    const real = await importCli(path, '--confirmed');
    expect(real.code).toBe(0);
    const { seconds: _real, ...report } = real.report!;
    expect(report).toEqual(expected(lines, false));

    // Nobody unsubscribed, suppressed or erased came back, and no existing subscription or reader changed.
    const stateAfter = await subscriptionsOf(existing);
    const added = stateAfter.filter((row) => !stateBefore.some((old) => old.email === row.email && old.slug === row.slug));
    expect(stateAfter.filter((row) => !added.includes(row))).toEqual(stateBefore);
    expect(added.map((row) => [row.email, row.slug, row.status])).toEqual([['saturday.only@example.com', 'morning-call', 'active']]);
    expect(await t.rows(`SELECT 1 FROM subscribers WHERE email IN ('erased@example.com', 'not-an-address', 'new.reader@example.com', 'evil@example.com', 'header@example.com')`)).toEqual([]);
    // The pending reader got no second email from the import.
    expect(t.smtp.to('pending@example.com')).toHaveLength(1);

    // The new readers: active, with their sector, and in the ledger with the file, the basis and their own consent date.
    expect(await statusOf('fresh.one@example.com', 'morning-call')).toBe('active');
    const newcomers = await t.rows<{ n: number; sectors: number }>(
      `SELECT count(*)::int AS n, count(DISTINCT r.job_sector_id)::int AS sectors FROM subscribers r JOIN subscriptions s ON s.subscriber_id = r.id
       WHERE r.email LIKE 'bulk%@example.com' AND s.status = 'active' AND s.confirmed_at IS NOT NULL`,
    );
    expect(newcomers).toEqual([{ n: BULK, sectors: SECTORS.length }]);
    // One `subscribed` row each, saying the subscription started active: nobody claims they confirmed with us.
    const ledger = await t.rows<{ event: string; status: string; n: number }>(
      `SELECT event, details::jsonb -> 'import' ->> 'status' AS status, count(*)::int AS n FROM consent_events
       WHERE source = 'import' AND details::jsonb -> 'import' ->> 'file' = 'readers.csv' AND details::jsonb -> 'import' ->> 'basis' = $1
       GROUP BY 1, 2`,
      [BASIS],
    );
    expect(ledger).toEqual([{ event: 'subscribed', status: 'active', n: BULK + 2 }]);
    const [fresh] = await t.rows<{ events: string[]; evidence: { consentGiven: { at: string; source: string }; jobSector: string } }>(
      `SELECT array_agg(c.event ORDER BY c.id) AS events, (array_agg(e.details::jsonb))[1] AS evidence
       FROM consent_events c JOIN consent_evidence e ON e.event_id = c.id JOIN subscribers r ON r.id = c.subscriber_id
       WHERE r.email = 'fresh.one@example.com'`,
    );
    expect(fresh).toEqual({
      events: ['subscribed'],
      evidence: { consentGiven: { at: '2024-02-01T10:00:00.000Z', source: 'Newsletter swap, partner site' }, jobSector: 'communications' },
    });
    const after = await counts();
    expect(after.account_emails).toBe(before.account_emails);

    // Run again: everyone is already there, and nothing more is written.
    const again = await importCli(path, '--confirmed');
    expect(again.report).toMatchObject({ created: 0, alreadySubscribed: BULK + 3, alreadyPending: 1, skippedUnsubscribed: 1, skippedSuppressed: 1, skippedErased: 1 });
    expect(await counts()).toEqual(after);

    // The newsroom shows an imported reader's ledger rows with the file and the basis.
    const page = await editor.get('/newsroom/readers?email=fresh.one%40example.com');
    expect(page.text).toContain(`imported from readers.csv, active at once: “${BASIS}”; consented 2024-02-01; source: Newsletter swap, partner site; job sector: Communications`);
  });

  describe('the newsroom upload', () => {
    const form = async () => {
      const page = await editor.get('/newsroom/readers/import');
      expect(page.status).toBe(200);
      return page.dom.querySelector('input[name=_csrf]')!.getAttribute('value')!;
    };
    async function upload(fields: Record<string, string>, csv: string | null, options: { as?: Reader | null; name?: string } = {}) {
      const body = new FormData();
      for (const [name, value] of Object.entries(fields)) body.append(name, value);
      if (csv !== null) body.append('file', new Blob([csv], { type: 'text/csv' }), options.name ?? 'newsroom-upload.csv');
      const who = options.as === undefined ? editor : options.as;
      const response = await fetch(`${t.url}/newsroom/readers/import`, {
        method: 'POST',
        body,
        redirect: 'manual',
        headers: who ? { cookie: who.cookieHeader(), 'x-forwarded-for': who.ip } : {},
      });
      const { parse: parseHtml } = await import('node-html-parser');
      const html = await response.text();
      const dom = parseHtml(html);
      return { status: response.status, dom, text: (dom.querySelector('main') ?? dom).textContent.replace(/\s+/g, ' ').trim() };
    }
    const figures = (dom: ReturnType<typeof import('node-html-parser').parse>) =>
      Object.fromEntries(dom.querySelectorAll('table.import-report tbody tr').map((row) => [row.querySelector('th')!.textContent.trim(), row.querySelector('td')!.textContent.trim()]));

    const UPLOAD = [
      'email,job_sector,source',
      'upload.new@example.com,Marketing,newsroom test',
      'active@example.com,,',
      'capped@example.com,,',
      'suppressed@example.com,,',
      'erased@example.com,,',
    ].join('\n');

    it('is linked from the readers page, needs a session, and refuses a form without its CSRF token', async () => {
      const readers = await editor.get('/newsroom/readers');
      expect(readers.dom.querySelector('a.readers-import')?.getAttribute('href')).toBe('/newsroom/readers/import');
      const stranger = await t.reader().get('/newsroom/readers/import');
      expect(stranger.url).toMatch(/\/newsroom\/sign-in\?next=%2Fnewsroom%2Freaders%2Fimport/);

      const token = await form();
      const fields = { _csrf: token, newsletter: 'the-saturday-read', consent: 'Asked at the stand', mode: 'send-confirmation' };
      const before = await counts();
      expect((await upload(fields, UPLOAD, { as: null })).status).toBe(401);
      expect((await upload({ ...fields, _csrf: '' }, UPLOAD)).status).toBe(403);
      expect((await upload({ ...fields, _csrf: `${token.slice(0, -2)}xx` }, UPLOAD)).status).toBe(403);
      expect((await upload(fields, UPLOAD, { as: t.reader() })).status).toBe(401);
      expect(await counts()).toEqual(before);
    });

    it('names what is missing, and refuses a file over the limit, importing nothing', async () => {
      const token = await form();
      const before = await counts();
      const missing = await upload({ _csrf: token, newsletter: 'the-saturday-read', consent: ' ' }, UPLOAD);
      expect(missing.status).toBe(400);
      expect(missing.dom.querySelectorAll('.error-summary li').map((li) => li.textContent)).toEqual([
        expect.stringMatching(/^Consent: say how these readers gave their consent/),
        expect.stringMatching(/^Mode: choose confirmed/),
      ]);
      const noHeader = await upload({ _csrf: token, newsletter: 'the-saturday-read', consent: 'Asked at the stand', mode: 'send-confirmation' }, 'mail,sector\n');
      expect(noHeader.status).toBe(400);
      expect(noHeader.dom.querySelector('#file-error')?.textContent).toContain('unknown columns, "mail", "sector"');
      const tooLarge = await upload({ _csrf: token, newsletter: 'the-saturday-read', consent: 'Asked at the stand', mode: 'send-confirmation' }, 'email\n' + 'x@example.com\n'.repeat(80_000));
      expect(tooLarge.status).toBe(413);
      expect(tooLarge.dom.querySelector('#file-error')?.textContent).toContain('larger than 1 MB');
      // What the editor typed is kept.
      expect(tooLarge.dom.querySelector('textarea#consent')?.textContent).toBe('Asked at the stand');
      expect(await counts()).toEqual(before);
    });

    it('imports with a session: a dry run first, then pending readers who confirm by the email they get, under the daily cap', async () => {
      const fields = async (dryRun: boolean) => ({
        _csrf: await form(),
        newsletter: 'the-saturday-read',
        consent: 'Asked at the New Statesman stand, Hay Festival 2024',
        mode: 'send-confirmation',
        ...(dryRun ? { dryRun: 'yes' } : {}),
      });
      const expectedFigures = {
        'created (awaiting confirmation)': '3',
        'already subscribed': '0',
        'already awaiting confirmation': '0',
        'skipped: unsubscribed': '0',
        'skipped: suppressed': '1',
        'skipped: erased': '1',
        'duplicates in the file': '0',
        invalid: '0',
        'confirmation emails queued': '2',
        'confirmations over the daily cap': '1',
      };
      const before = await counts();
      const dry = await upload(await fields(true), UPLOAD);
      expect(dry.status).toBe(200);
      expect(dry.text).toContain('Dry run: nothing was written');
      expect(figures(dry.dom)).toEqual(expectedFigures);
      expect(await counts()).toEqual(before);

      const real = await upload(await fields(false), UPLOAD);
      expect(real.status).toBe(200);
      expect(real.text).toContain('Imported newsroom-upload.csv into The Saturday Read');
      expect(figures(real.dom)).toEqual(expectedFigures);
      expect(await statusOf('upload.new@example.com', 'the-saturday-read')).toBe('pending');
      expect(await statusOf('capped@example.com', 'the-saturday-read')).toBe('pending');
      expect(await statusOf('suppressed@example.com', 'the-saturday-read')).toBeUndefined();
      const [{ id: editorId }] = await t.rows<{ id: number }>(`SELECT id FROM editors WHERE email = $1`, [EDITOR]);
      expect(
        await t.rows(
          `SELECT event, details::jsonb -> 'import' AS import FROM consent_events c JOIN subscribers r ON r.id = c.subscriber_id WHERE r.email = 'upload.new@example.com' ORDER BY c.id`,
        ),
      ).toEqual([{ event: 'subscribed', import: { file: 'newsroom-upload.csv', basis: 'Asked at the New Statesman stand, Hay Festival 2024', status: 'pending', editorId } }]);

      // The confirmations arrive, and their links confirm.
      for (const email of ['upload.new@example.com', 'active@example.com']) {
        // active@ confirmed Morning Call before, so its welcome may come between its two confirmations.
        const confirmations = () => t.smtp.to(email).filter((m) => m.parsed.subject === 'Confirm your New Statesman newsletter subscription');
        const expected = email === 'active@example.com' ? 2 : 1;
        await t.smtp.waitFor(email, expected);
        for (const deadline = Date.now() + 15_000; confirmations().length < expected && Date.now() < deadline; ) await new Promise((resolve) => setTimeout(resolve, 50));
        const mails = confirmations();
        expect(mails).toHaveLength(expected);
        const mail = mails[mails.length - 1];
        const reader = t.reader();
        await reader.submit(await reader.get(linkIn(String(mail.parsed.html), /Confirm my subscription/)));
        expect(await statusOf(email, 'the-saturday-read')).toBe('active');
      }
      expect(await statusOf('active@example.com', 'morning-call')).toBe('active');
      // The reader's own confirmation is what the ledger records as confirmed.
      expect(
        (await t.rows<{ event: string; source: string }>(`SELECT event, source FROM consent_events c JOIN subscribers r ON r.id = c.subscriber_id WHERE r.email = 'upload.new@example.com' ORDER BY c.id`)).map(
          (row) => [row.event, row.source === 'import' ? 'import' : 'reader'],
        ),
      ).toEqual([
        ['subscribed', 'import'],
        ['confirmed', 'reader'],
      ]);
      await t.drain();
      // Over the cap: no fourth email today.
      expect(t.smtp.to('capped@example.com')).toHaveLength(3);
    });
  });

  it('exports exactly the active readers as CSV, and an address that looks like a formula as text', async () => {
    const formulas = ["=cmd|'/c calc'!a0@example.com", '+sum(a1)@example.com', '-2+3@example.com', '@sum(a1)@example.com'];
    await t.rows(
      `WITH r AS (INSERT INTO subscribers (email) SELECT unnest($1::text[]) RETURNING id)
       INSERT INTO subscriptions (subscriber_id, newsletter_id, status, confirmed_at) SELECT r.id, n.id, 'active', now() FROM r, newsletters n WHERE n.slug = 'morning-call'`,
      [formulas],
    );
    const run = await runCli(['readers:export', '--newsletter', 'morning-call']);
    expect(run.code).toBe(0);
    const rows = parse(run.stdout, { columns: true }) as Array<Record<string, string>>;
    const active = await t.rows<{ email: string }>(
      `SELECT r.email FROM subscribers r JOIN subscriptions s ON s.subscriber_id = r.id JOIN newsletters n ON n.id = s.newsletter_id
       WHERE n.slug = 'morning-call' AND s.status = 'active' AND r.suppressed_at IS NULL ORDER BY r.id`,
    );
    // What a spreadsheet would run as a formula starts with a ' instead (OWASP).
    expect(rows.map((row) => row.email)).toEqual(active.map((row) => (formulas.includes(row.email) ? `'${row.email}` : row.email)));
    expect(rows.filter((row) => /^[=+\-@\t\r]/.test(row.email))).toEqual([]);
    expect(rows).toHaveLength(BULK + 3 + formulas.length);
    expect(Object.keys(rows[0])).toEqual(['email', 'job_sector', 'subscribed_at', 'confirmed_at']);
    const emails = new Set(rows.map((row) => row.email));
    for (const gone of ['pending@example.com', 'unsub@example.com', 'suppressed@example.com', 'capped@example.com']) expect(emails.has(gone)).toBe(false);
    expect(rows.find((row) => row.email === 'fresh.one@example.com')).toEqual({
      email: 'fresh.one@example.com',
      job_sector: 'communications',
      subscribed_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      confirmed_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    expect(run.stderr).toContain(`Exported ${(BULK + 3 + formulas.length).toLocaleString('en-GB')} active readers of morning-call`);
  });
});
