import { ClicksService } from '../src/clicks/clicks.service';
import { DigestRenderer } from '../src/publishing/digest-renderer';
import { linkIn } from './support/reader';
import { startApp, TestApp } from './support/app';
import { seedAudience } from './support/audience';
import { EDITOR_TOKEN, editorApi } from './support/editor';
import { createEditor, signIn } from './support/newsroom';

const EDU = 'education-curriculum-and-teaching';
const HEALTH = 'health-medical-and-nursing-management';
const ARTS = 'arts-and-culture';

/** Partner slots by sector: each reader sees the pieces aimed at their sector, rendered once per version. */
describe('partner slots by job sector', () => {
  let t: TestApp;
  let api: ReturnType<typeof editorApi>;
  const readers: Record<string, string[]> = {};
  const ids: Record<string, number> = {};

  async function article(key: string, body: Record<string, unknown>): Promise<void> {
    const made = await api.post('/api/articles', { url: `https://www.newstatesman.com/segments/${key}`, publishedAt: new Date().toISOString(), ...body });
    expect(made.status).toBe(201);
    ids[key] = made.json.id;
  }

  beforeAll(async () => {
    t = await startApp({ env: { EDITOR_TOKEN } });
    api = editorApi(t);
    await article('lead', { title: 'The lead story', standfirst: 'What happened today.' });
    await article('all', { title: 'Partner piece for everyone', sponsored: true });
    await article('edu', { title: 'Partner piece for teachers', sponsored: true, targetSectors: [EDU] });
    await article('both', { title: 'Partner piece for teachers and nurses', sponsored: true, targetSectors: [EDU, HEALTH] });
    const { active } = await seedAudience(t, 'morning-call', { active: 8 }, 'segment');
    const place = async (emails: string[], key: string, sector: string | null) => {
      await t.rows(`UPDATE subscribers SET job_sector_id = (SELECT id FROM job_sectors WHERE slug = $2) WHERE email = ANY($1::text[])`, [emails, sector]);
      readers[key] = emails;
    };
    await place(active.slice(0, 2), 'edu', EDU);
    await place(active.slice(2, 4), 'health', HEALTH);
    await place(active.slice(4, 6), 'arts', ARTS);
    await place(active.slice(6), 'none', null);
  });

  afterAll(async () => {
    await t?.close();
  });

  const partnersIn = (email: string, edition: number) =>
    String(t.smtp.to(email)[edition].parsed.text)
      .split('\n')
      .filter((line) => line.startsWith('Partner piece'));

  it('takes target sectors on partner pieces, by slug, and refuses unknown ones', async () => {
    const listed = await api.get('/api/articles?since=2000-01-01T00:00:00Z');
    const both = listed.json.articles.find((a: { id: number }) => a.id === ids.both);
    expect([...both.targetSectors].sort()).toEqual([EDU, HEALTH].sort());
    const unknown = await api.post('/api/articles', { url: 'https://www.newstatesman.com/segments/x', title: 'X', publishedAt: new Date().toISOString(), sponsored: true, targetSectors: ['astrology'] });
    expect(unknown.status).toBe(400);
    expect(unknown.json.errors).toEqual([{ field: 'targetSectors', message: 'Unknown job sectors: astrology' }]);
    expect(await t.rows(`SELECT id FROM articles WHERE url LIKE '%/segments/x'`)).toHaveLength(0);
  });

  it('gives each sector its pieces, the rest the untargeted ones, rendering once per distinct version', async () => {
    const renderer = t.app.get(DigestRenderer);
    const renders = jest.spyOn(renderer, 'render');
    const composed = await api.post('/api/newsletters/morning-call/editions', { articleIds: [ids.lead, ids.all, ids.edu, ids.both], subject: 'Segments' });
    const sent = await api.post(`/api/editions/${composed.json.id}/send`);
    expect(sent.status).toBe(202);
    // Three versions for 35 sectors and readers with none: [all], [edu, both], [both].
    expect(renders).toHaveBeenCalledTimes(3);
    renders.mockRestore();
    expect(await t.rows(`SELECT segment FROM edition_segments WHERE edition_id = $1 ORDER BY segment`, [composed.json.id])).toHaveLength(3);
    await api.waitForEdition(composed.json.id, ['sent']);

    for (const email of readers.edu) expect(partnersIn(email, 0)).toEqual(['Partner piece for teachers', 'Partner piece for teachers and nurses']);
    for (const email of readers.health) expect(partnersIn(email, 0)).toEqual(['Partner piece for teachers and nurses']);
    for (const email of [...readers.arts, ...readers.none]) expect(partnersIn(email, 0)).toEqual(['Partner piece for everyone']);
    // Everyone still gets the editorial content.
    for (const email of Object.values(readers).flat()) expect(String(t.smtp.to(email)[0].parsed.text)).toContain('The lead story');
  });

  it('counts clicks per segment, and so per sector, from links that name no reader', async () => {
    const [edition] = await t.rows<{ id: number }>(`SELECT id FROM editions WHERE subject = 'Segments'`);
    const partnerLink = (email: string) => linkIn(String(t.smtp.to(email)[0].parsed.html), /Partner piece for teachers and nurses/);
    // The same piece, in two versions: a teacher's link and a nurse's differ only in the segment.
    expect(partnerLink(readers.edu[0])).toBe(partnerLink(readers.edu[1]));
    expect(partnerLink(readers.edu[0])).not.toBe(partnerLink(readers.health[0]));
    // Three readers, three client addresses: one client following a link again within a minute is a repeat.
    for (const [i, email] of [readers.edu[0], readers.health[0], readers.health[1]].entries()) {
      const res = await fetch(partnerLink(email), { redirect: 'manual', headers: { 'user-agent': 'Mozilla/5.0 (Macintosh) Safari/605.1.15', 'x-forwarded-for': `198.51.100.${i + 1}` } });
      expect(res.status).toBe(302);
      expect(res.headers.get('location')).toBe('https://www.newstatesman.com/segments/both');
    }
    await t.app.get(ClicksService).flush();
    const report = (await api.get(`/api/editions/${edition.id}/clicks`)).json;
    const bySegment = Object.fromEntries(report.segments.map((s: { segment: number; clicks: number; sectors: Array<{ slug: string }> }) => [s.segment, s]));
    expect(bySegment[1].sectors.map((x: { slug: string }) => x.slug)).toEqual([EDU]);
    expect(bySegment[1].clicks).toBe(1);
    expect(bySegment[2].sectors.map((x: { slug: string }) => x.slug)).toEqual([HEALTH]);
    expect(bySegment[2].clicks).toBe(2);
    const bySector = Object.fromEntries(report.sectors.map((x: { slug: string; clicks: number }) => [x.slug, x.clicks]));
    expect(bySector[EDU]).toBe(1);
    expect(bySector[HEALTH]).toBe(2);
    expect(bySector[ARTS]).toBe(0);
  });

  it('omits the partner block, heading and all, for readers with nothing left to show', async () => {
    const composed = await api.post('/api/newsletters/morning-call/editions', { articleIds: [ids.lead, ids.edu], subject: 'Only for teachers’ partners' });
    await api.post(`/api/editions/${composed.json.id}/send`);
    await api.waitForEdition(composed.json.id, ['sent']);
    for (const email of readers.edu) {
      expect(partnersIn(email, 1)).toEqual(['Partner piece for teachers']);
      expect(String(t.smtp.to(email)[1].parsed.html)).toContain('Content from our partners');
    }
    for (const email of [...readers.health, ...readers.none]) {
      expect(partnersIn(email, 1)).toEqual([]);
      expect(String(t.smtp.to(email)[1].parsed.html)).not.toContain('Content from our partners');
      expect(String(t.smtp.to(email)[1].parsed.text)).not.toContain('CONTENT FROM OUR PARTNERS');
    }
  });

  it('previews the edition as a reader of a chosen sector sees it', async () => {
    const draft = await api.post('/api/newsletters/morning-call/editions', { articleIds: [ids.lead, ids.all, ids.edu], subject: 'Preview by sector' });
    const email = 'segments.desk@newstatesman.co.uk';
    await createEditor(t, email);
    const { editor } = await signIn(t, email);
    const page = await editor.get(`/newsroom/editions/${draft.json.id}/preview?sector=${EDU}`);
    const frame = page.dom.querySelector('iframe')!.getAttribute('src')!;
    expect(frame).toContain(`sector=${EDU}`);
    const asTeacher = await (await fetch(`${t.url}${frame}`, { headers: { cookie: editor.cookieHeader() } })).text();
    expect(asTeacher).toContain('Partner piece for teachers');
    expect(asTeacher).not.toContain('Partner piece for everyone');
    const asArts = await (await fetch(`${t.url}/newsroom/editions/${draft.json.id}/preview.html?sector=${ARTS}`, { headers: { cookie: editor.cookieHeader() } })).text();
    expect(asArts).toContain('Partner piece for everyone');
    expect(asArts).not.toContain('Partner piece for teachers');
    // With no sector chosen, the untargeted version: not every partner piece at once.
    const untargeted = await (await fetch(`${t.url}/newsroom/editions/${draft.json.id}/preview.html`, { headers: { cookie: editor.cookieHeader() } })).text();
    expect(untargeted).toContain('Partner piece for everyone');
    expect(untargeted).not.toContain('Partner piece for teachers');
  });
});
