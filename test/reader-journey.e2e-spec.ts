import { startApp, TestApp } from './support/app';
import { linkIn } from './support/reader';

interface SubscriptionRow {
  slug: string;
  status: string;
}

interface LedgerRow {
  slug: string | null;
  event: string;
  source: string;
  ip: string | null;
  user_agent: string | null;
  notice_version: number;
  details: string | null;
}

describe("a reader's journey", () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startApp();
  });

  afterAll(async () => {
    await t?.close();
  });

  const subscriptions = (email: string) =>
    t.rows<SubscriptionRow>(
      `SELECT n.slug, s.status FROM subscriptions s
       JOIN newsletters n ON n.id = s.newsletter_id JOIN subscribers r ON r.id = s.subscriber_id
       WHERE r.email = $1 ORDER BY n.slug`,
      [email],
    );

  const ledger = (email: string) =>
    t.rows<LedgerRow>(
      `SELECT n.slug, c.event, c.source, e.ip, e.user_agent, c.notice_version, coalesce(e.details, c.details) AS details FROM consent_events c
       LEFT JOIN consent_evidence e ON e.event_id = c.id
       LEFT JOIN newsletters n ON n.id = c.newsletter_id JOIN subscribers r ON r.id = c.subscriber_id
       WHERE r.email = $1 ORDER BY c.id`,
      [email],
    );

  it('signs up on the form, confirms by email, changes preferences, and leaves with one click', async () => {
    const reader = t.reader();
    const email = 'journey.reader@example.com';

    // The sign-up page, as the seed page words it.
    const form = await reader.get('/');
    expect(form.status).toBe(200);
    expect(form.text).toContain('Select and enter your email address');
    expect(form.text).toContain('Your weekly guide to the best writing on ideas, politics, books and culture every Saturday.');
    expect(form.text).toContain("The New Statesman's quick and essential guide to the news and politics of the day.");
    expect(form.text).toContain('Progressive Media Investments');
    expect(form.dom.querySelectorAll('select[name=jobSector] option')).toHaveLength(36);
    for (const id of ['email', 'jobSector', 'newsletter-the-saturday-read', 'newsletter-morning-call']) {
      expect(form.dom.querySelector(`label[for=${id}]`)).not.toBeNull();
    }

    const done = await reader.submit(form, {
      email: '  Journey.Reader@Example.com ',
      newsletters: ['the-saturday-read', 'morning-call'],
      jobSector: 'arts-and-culture',
    });
    // The post redirects, so reloading the page it lands on posts nothing again.
    expect(done.redirectedFrom).toEqual([{ status: 303, url: `${t.url}/subscribe` }]);
    expect(done.url).toBe(`${t.url}/check-inbox`);
    expect(done.status).toBe(200);
    expect(done.text).toContain('Check your inbox');
    expect(done.text).toContain('journey.reader@example.com');
    // The answer came once the request was stored; a job carries it out (the same work for any address).
    await t.drain();
    expect(await subscriptions(email)).toEqual([
      { slug: 'morning-call', status: 'pending' },
      { slug: 'the-saturday-read', status: 'pending' },
    ]);
    const signedUp = await ledger(email);
    expect(signedUp.map((row) => [row.slug, row.event])).toEqual([
      ['the-saturday-read', 'subscribed'],
      ['morning-call', 'subscribed'],
    ]);
    expect(signedUp[0]).toMatchObject({ source: `${t.url}/`, ip: reader.ip, user_agent: 'ReaderTest/1.0', notice_version: 1 });

    // The confirmation email: HTML and text, a confirm link, and the unsubscribe headers.
    const [mail] = await t.smtp.waitFor(email);
    expect(mail.parsed.subject).toBe('Confirm your New Statesman newsletter subscription');
    expect(mail.parsed.from?.text).toContain('newsletters@newstatesman.test');
    const confirmUrl = linkIn(mail.parsed.html as string, /Confirm my subscription/);
    expect(confirmUrl).toMatch(new RegExp(`^${t.url}/confirm\\?token=[A-Za-z0-9_-]{43}$`));
    expect(mail.parsed.text).toContain(confirmUrl);
    expect(mail.parsed.text).toContain('The Saturday Read and Morning Call');
    expect(mail.header('list-unsubscribe')).toMatch(/^<http:\/\/127\.0\.0\.1:\d+\/unsubscribe\?token=[^>]+>, <mailto:[^>]+>$/);
    expect(mail.header('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    // Only the hash of the confirm token is stored.
    const token = new URL(confirmUrl).searchParams.get('token')!;
    const stored = await t.rows<{ token_hash: string }>(`SELECT token_hash FROM account_emails`);
    expect(stored.map((row) => row.token_hash)).not.toContain(token);

    // A mail scanner following the link confirms nobody; neither does the reader's GET.
    const scanner = t.reader();
    expect((await scanner.get(confirmUrl)).status).toBe(200);
    const confirmPage = await reader.get(confirmUrl);
    expect(confirmPage.status).toBe(200);
    expect(confirmPage.dom.querySelectorAll('form button')).toHaveLength(1);
    expect((await subscriptions(email)).every((s) => s.status === 'pending')).toBe(true);

    // The button confirms.
    const confirmed = await reader.submit(confirmPage);
    expect(confirmed.status).toBe(200);
    expect(confirmed.text).toContain('You are subscribed');
    expect(await subscriptions(email)).toEqual([
      { slug: 'morning-call', status: 'active' },
      { slug: 'the-saturday-read', status: 'active' },
    ]);
    expect((await ledger(email)).filter((row) => row.event === 'confirmed').map((row) => row.slug).sort()).toEqual([
      'morning-call',
      'the-saturday-read',
    ]);

    // The same link a second time changes nothing, and says the reader is already confirmed.
    const ledgerBefore = await ledger(email);
    const again = await reader.get(confirmUrl);
    expect(again.status).toBe(200);
    expect(again.text).toContain('You are already confirmed');
    expect(again.dom.querySelector('form')).toBeNull();
    expect(await ledger(email)).toEqual(ledgerBefore);

    // The preference centre, from the link in the email.
    const preferences = await reader.get(linkIn(mail.parsed.html as string, /Manage your newsletters/));
    expect(preferences.status).toBe(200);
    expect(preferences.text).toContain(email);
    expect(preferences.dom.querySelector('#newsletter-the-saturday-read')?.hasAttribute('checked')).toBe(true);
    expect(preferences.dom.querySelector('#newsletter-morning-call')?.hasAttribute('checked')).toBe(true);
    expect(preferences.dom.querySelector('select[name=jobSector] option[selected]')?.getAttribute('value')).toBe('arts-and-culture');

    const saved = await reader.submit(
      preferences,
      { newsletters: ['morning-call'], jobSector: 'marketing' },
      { button: 'button[value=save]' },
    );
    expect(saved.status).toBe(200);
    expect(saved.text).toContain('Your preferences have been saved');
    expect(saved.dom.querySelector('#newsletter-the-saturday-read')?.hasAttribute('checked')).toBe(false);
    expect(await subscriptions(email)).toEqual([
      { slug: 'morning-call', status: 'active' },
      { slug: 'the-saturday-read', status: 'unsubscribed' },
    ]);
    const [{ slug: sector }] = await t.rows<{ slug: string }>(
      `SELECT j.slug FROM subscribers s JOIN job_sectors j ON j.id = s.job_sector_id WHERE s.email = $1`,
      [email],
    );
    expect(sector).toBe('marketing');
    const changes = (await ledger(email)).filter((row) => row.event === 'preferences_changed');
    expect(changes.map((row) => [row.slug, JSON.parse(row.details!)])).toEqual([
      ['the-saturday-read', { from: 'active', to: 'unsubscribed' }],
      [null, { jobSector: { from: 'arts-and-culture', to: 'marketing' } }],
    ]);

    // One click in the mail client: a POST to the List-Unsubscribe URL, no cookie, no CSRF token.
    const [, https] = /<(http[^>]+)>/.exec(mail.header('list-unsubscribe')!)!;
    const oneClick = await fetch(https, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
      redirect: 'manual',
    });
    expect(oneClick.status).toBe(200);
    expect(oneClick.headers.get('location')).toBeNull();
    expect(await oneClick.text()).toContain('You have unsubscribed');
    expect(await subscriptions(email)).toEqual([
      { slug: 'morning-call', status: 'unsubscribed' },
      { slug: 'the-saturday-read', status: 'unsubscribed' },
    ]);
    const left = (await ledger(email)).filter((row) => row.event === 'unsubscribed');
    expect(left).toEqual([expect.objectContaining({ slug: 'morning-call', source: 'one-click' })]);

    // Repeating it is harmless: same answer, nothing new in the ledger.
    const rowsBefore = (await ledger(email)).length;
    const repeat = await fetch(https, { method: 'POST', body: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(repeat.status).toBe(200);
    expect((await ledger(email)).length).toBe(rowsBefore);
  });

  it('gives the same answer to a second sign-up and mails a preferences link to an active reader', async () => {
    const email = 'twice@example.com';
    const first = await t.reader().postJson('/subscribe', { email, newsletters: ['morning-call'] });
    expect(first.status).toBe(202);
    expect(first.json).toEqual({ status: 'pending_confirmation' });
    const [confirmation] = await t.smtp.waitFor(email);
    const page = await t.reader().get(linkIn(confirmation.parsed.html as string, /Confirm my subscription/));
    const reader = t.reader();
    await reader.submit(await reader.get(page.url));

    // Now active: signing up again answers exactly as before and sends a preferences link.
    const second = await t.reader().postJson('/subscribe', { email: 'TWICE@example.com', newsletters: ['the-saturday-read'] });
    expect(second.status).toBe(first.status);
    expect(second.body).toBe(first.body);
    // The confirmation, Morning Call's welcome, and the preferences link, the last two in either order.
    const mails = await t.smtp.waitFor(email, 3);
    expect(mails.map((mail) => mail.parsed.subject).slice(1).sort()).toEqual(['Manage your New Statesman newsletters', 'Welcome to Morning Call']);
    const preferences = mails.find((mail) => mail.parsed.subject === 'Manage your New Statesman newsletters')!;
    expect(preferences.parsed.text).toMatch(/\/preferences\?token=/);
    expect(preferences.parsed.text).not.toMatch(/\/confirm\?token=/);
    // No duplicate reader, and a stranger could not add a newsletter to their mailbox.
    expect(await t.rows(`SELECT id FROM subscribers WHERE email = $1`, [email])).toHaveLength(1);
    expect(await subscriptions(email)).toEqual([{ slug: 'morning-call', status: 'active' }]);
  });

  it('sends at most three account emails to one address in 24 hours', async () => {
    const email = 'many.times@example.com';
    for (let i = 0; i < 5; i += 1) {
      const response = await t.reader().postJson('/subscribe', { email, newsletters: ['morning-call'] });
      expect(response.status).toBe(202);
    }
    await t.drain();
    expect(t.smtp.to(email)).toHaveLength(3);
    expect(await t.rows(`SELECT id FROM subscribers WHERE email = $1`, [email])).toHaveLength(1);
    expect(await subscriptions(email)).toEqual([{ slug: 'morning-call', status: 'pending' }]);
  });

  it('lets a pending reader confirm with any of their unexpired links, once', async () => {
    const email = 'two.links@example.com';
    await t.reader().postJson('/subscribe', { email, newsletters: ['the-saturday-read'] });
    await t.reader().postJson('/subscribe', { email, newsletters: ['morning-call'] });
    const [first, second] = await t.smtp.waitFor(email, 2);
    // The second sign-up added Morning Call to what the one confirmation starts.
    const reader = t.reader();
    const page = await reader.get(linkIn(first.parsed.html as string, /Confirm my subscription/));
    expect(page.text).toContain('The Saturday Read');
    expect(page.text).toContain('Morning Call');
    expect((await reader.submit(page)).status).toBe(200);
    expect(await subscriptions(email)).toEqual([
      { slug: 'morning-call', status: 'active' },
      { slug: 'the-saturday-read', status: 'active' },
    ]);
    // The other link still works but has nothing left to confirm.
    const other = await reader.get(linkIn(second.parsed.html as string, /Confirm my subscription/));
    const done = await reader.submit(other);
    expect(done.text).toContain('already confirmed');
    expect((await ledger(email)).filter((row) => row.event === 'confirmed')).toHaveLength(2);
  });

  it('lists the newsletters and the 35 job sectors of the seed page, in its order', async () => {
    const reader = t.reader();
    const newsletters = await (await fetch(`${t.url}/api/newsletters`)).json();
    expect(newsletters).toEqual([
      expect.objectContaining({ slug: 'the-saturday-read', label: 'The Saturday Read', cadence: 'weekly' }),
      expect.objectContaining({ slug: 'morning-call', label: 'Morning Call', cadence: 'daily' }),
    ]);
    const sectors = (await (await fetch(`${t.url}/api/job-sectors`)).json()) as Array<{ slug: string; label: string }>;
    expect(sectors.map((s) => s.label)).toEqual(SEED_PAGE_SECTORS);
    expect(new Set(sectors.map((s) => s.slug)).size).toBe(35);
    expect(sectors.every((s) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(s.slug))).toBe(true);
    expect(reader.ip).toBeTruthy();
  });

  it('keeps the consent ledger append-only in the database itself', async () => {
    const [{ id }] = await t.rows<{ id: number }>(`SELECT id FROM consent_events ORDER BY id LIMIT 1`);
    await expect(t.db.query(`UPDATE consent_events SET event = 'confirmed' WHERE id = $1`, [id])).rejects.toThrow(/append-only/);
    await expect(t.db.query(`DELETE FROM consent_events WHERE id = $1`, [id])).rejects.toThrow(/append-only/);
    expect(await t.rows(`SELECT id FROM consent_events WHERE id = $1`, [id])).toHaveLength(1);
  });
});

/** Copied by hand from the seed page's job-sector list. */
const SEED_PAGE_SECTORS = [
  'Administration / Office',
  'Arts and Culture',
  'Board Member',
  'Business / Corporate Services',
  'Client / Customer Services',
  'Communications',
  'Construction, Works, Engineering',
  'Education, Curriculum and Teaching',
  'Environment, Conservation and NRM',
  'Facility / Grounds Management and Maintenance',
  'Finance Management',
  'Health - Medical and Nursing Management',
  'HR, Training and Organisational Development',
  'Information and Communications Technology',
  'Information Services, Statistics, Records, Archives',
  'Infrastructure Management - Transport, Utilities',
  'Legal Officers and Practitioners',
  'Librarians and Library Management',
  'Management',
  'Marketing',
  'OH&S, Risk Management',
  'Operations Management',
  'Planning, Policy, Strategy',
  'Printing, Design, Publishing, Web',
  'Projects, Programs and Advisors',
  'Property, Assets and Fleet Management',
  'Public Relations and Media',
  'Purchasing and Procurement',
  'Quality Management',
  'Science and Technical Research and Development',
  'Security and Law Enforcement',
  'Service Delivery',
  'Sport and Recreation',
  'Travel, Accommodation, Tourism',
  'Wellbeing, Community / Social Services',
];
