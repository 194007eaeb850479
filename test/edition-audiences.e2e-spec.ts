import { startApp, TestApp } from './support/app';
import { seedAudience } from './support/audience';
import { EDITOR_TOKEN, editorApi, insertArticles } from './support/editor';
import { createEditor, signIn } from './support/newsroom';

const EDU = 'education-curriculum-and-teaching';
const HEALTH = 'health-medical-and-nursing-management';

/** Editions for readers of chosen job sectors only: in the API, the newsroom and the mail that arrives. */
describe('sector-targeted editions', () => {
  let t: TestApp;
  let api: ReturnType<typeof editorApi>;
  let articleId: number;
  const readers: Record<string, string[]> = {};

  beforeAll(async () => {
    t = await startApp({ env: { EDITOR_TOKEN } });
    api = editorApi(t);
    [articleId] = await insertArticles(t, [{ url: 'https://www.newstatesman.com/politics/2023/03/audiences', title: 'A piece for some sectors' }]);
    const { active } = await seedAudience(t, 'morning-call', { active: 8 }, 'sector');
    // Three in education, three in health, two who never gave a sector.
    const place = async (emails: string[], sector: string | null) => {
      await t.rows(`UPDATE subscribers SET job_sector_id = (SELECT id FROM job_sectors WHERE slug = $2) WHERE email = ANY($1::text[])`, [emails, sector]);
      readers[sector ?? 'none'] = emails;
    };
    await place(active.slice(0, 3), EDU);
    await place(active.slice(3, 6), HEALTH);
    await place(active.slice(6), null);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('reaches only readers of the chosen sectors, as the SMTP server saw it', async () => {
    const composed = await api.post('/api/newsletters/morning-call/editions', { articleIds: [articleId], subject: 'For teachers', audience: { sectors: [EDU] } });
    expect(composed.status).toBe(201);
    expect(composed.json.audience).toEqual({ sectors: [EDU] });
    const sent = await api.post(`/api/editions/${composed.json.id}/send`);
    expect(sent.status).toBe(202);
    expect(sent.json.counts.total).toBe(3);
    await api.waitForEdition(composed.json.id, ['sent']);
    for (const email of readers[EDU]) expect(t.smtp.to(email).map((m) => m.parsed.subject)).toEqual(['For teachers']);
    for (const email of [...readers[HEALTH], ...readers.none]) expect(t.smtp.to(email)).toHaveLength(0);
  });

  it('PATCH changes a draft’s audience, and null sends to everyone again', async () => {
    const composed = await api.post('/api/newsletters/morning-call/editions', { articleIds: [articleId], subject: 'Widening' });
    expect(composed.json.audience).toBeNull();
    const two = await api.patch(`/api/editions/${composed.json.id}`, { audience: { sectors: [HEALTH, EDU] } });
    expect(two.status).toBe(200);
    expect([...two.json.audience.sectors].sort()).toEqual([EDU, HEALTH].sort());
    const everyone = await api.patch(`/api/editions/${composed.json.id}`, { audience: null });
    expect(everyone.json.audience).toBeNull();
    const sent = await api.post(`/api/editions/${composed.json.id}/send`);
    expect(sent.json.counts.total).toBe(8);
  });

  it('refuses unknown or no sectors, naming the field, and stores nothing', async () => {
    const before = await t.rows(`SELECT id FROM editions`);
    const unknown = await api.post('/api/newsletters/morning-call/editions', { articleIds: [articleId], audience: { sectors: [EDU, 'astrology'] } });
    expect(unknown.status).toBe(400);
    expect(unknown.json.errors).toEqual([{ field: 'audience.sectors', message: 'Unknown job sectors: astrology' }]);
    const none = await api.post('/api/newsletters/morning-call/editions', { articleIds: [articleId], audience: { sectors: [] } });
    expect(none.status).toBe(400);
    expect(none.json.errors[0].field).toBe('audience.sectors');
    const notAList = await api.post('/api/newsletters/morning-call/editions', { articleIds: [articleId], audience: { sectors: HEALTH } });
    expect(notAList.status).toBe(400);
    expect(await t.rows(`SELECT id FROM editions`)).toHaveLength(before.length);
  });

  it('the newsroom offers the sectors with their readers, and the send step counts each chosen sector', async () => {
    const email = 'sectors.desk@newstatesman.co.uk';
    await createEditor(t, email);
    const { editor } = await signIn(t, email);
    const compose = await editor.get('/newsroom/compose/morning-call');
    const education = compose.dom.querySelector('label[for=sector-education-curriculum-and-teaching]')!.text;
    expect(education).toMatch(/\(3\)/);
    expect(compose.dom.querySelector('[data-audience-count]')!.text).toBe('8 readers');

    const none = await editor.submit(compose, { audience: 'sectors', sectors: [] }, { form: 'form.compose' });
    expect(none.status).toBe(400);
    expect(none.text).toContain('Tick at least one sector');

    const saved = await editor.submit(compose, { audience: 'sectors', sectors: [HEALTH], articles: [String(articleId)] }, { form: 'form.compose' });
    expect(saved.text).toContain('Draft saved');
    expect(saved.dom.querySelector('[data-audience-count]')!.text).toBe('3 readers');
    expect(saved.dom.querySelector('#sector-health-medical-and-nursing-management')!.hasAttribute('checked')).toBe(true);
    const id = Number(/editions\/(\d+)/.exec(saved.url)![1]);
    expect((await api.get(`/api/editions/${id}`)).json.audience).toEqual({ sectors: [HEALTH] });

    const confirm = await editor.get(`/newsroom/editions/${id}/send`);
    expect(confirm.text).toContain('3 active readers, in 1 job sectors');
    const rows = confirm.dom.querySelectorAll('tbody tr').map((r) => [...r.querySelectorAll('th, td')].map((cell) => cell.text.trim()));
    expect(rows).toEqual([['Health - Medical and Nursing Management', '3']]);
  });
});
