import { parse } from 'node-html-parser';
import { ClickCodes, noteLinkId, TEST_SEGMENT } from '../src/clicks/click-codes';
import { ClicksService } from '../src/clicks/clicks.service';
import { startApp, TestApp } from './support/app';
import { seedAudience } from './support/audience';
import { EDITOR_TOKEN, editorApi, insertArticles } from './support/editor';
import { createEditor, signIn } from './support/newsroom';
import { Reader } from './support/reader';

const EDITOR = 'note.desk@newstatesman.co.uk';
const BROWSER = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15';

const VERDICT = 'https://www.newstatesman.com/politics/2026/12/the-budget-verdict';
const LETTERS = 'https://www.newstatesman.com/letters';
const NOTE = [
  'Good morning. The Chancellor stood up at half past twelve and by one the markets had decided; **our verdict** is [here](' +
    VERDICT +
    '), and it is not kind.',
  '',
  'Three things to watch today:',
  '',
  '- the gilt auction at ten,',
  '- the Treasury committee, and',
  '- [your letters](' + LETTERS + '), which we read every one of.',
  '',
  '> Budgets are judged in the week after, not on the day.',
].join('\n');

/** The counted links in a part of a message, in order. */
const tracked = (t: TestApp, content: string): string[] => [...content.matchAll(new RegExp(`${t.url}/r/[A-Za-z0-9_-]+`, 'g'))].map((m) => m[0]);

describe("the editor's note", () => {
  let t: TestApp;
  let api: ReturnType<typeof editorApi>;
  let editor: Reader;
  let readers: string[];
  let articleIds: number[];
  let editionId: number;
  const codes = new ClickCodes(process.env.APP_SECRET!);

  beforeAll(async () => {
    t = await startApp({ env: { EDITOR_TOKEN, CLICK_FLUSH_SECONDS: '3600' } });
    api = editorApi(t);
    readers = (await seedAudience(t, 'morning-call', { active: 2 }, 'note')).active;
    articleIds = await insertArticles(t, [
      {
        url: 'https://www.newstatesman.com/politics/2026/12/the-budget',
        title: 'The Budget, line by line',
        standfirst: 'What changed and for whom.',
        section: 'Politics',
      },
      { url: 'https://www.newstatesman.com/culture/2026/12/winter-books', title: 'Winter books', section: 'Culture' },
      { url: 'https://partner.example/advice', title: 'A word from our partner', sponsored: true },
    ]);
    await createEditor(t, EDITOR);
    await t.db.query(`UPDATE editors SET display_name = 'Jane Desk' WHERE email = $1`, [EDITOR]);
    ({ editor } = await signIn(t, EDITOR));
  });

  afterAll(async () => {
    await t?.close();
  });

  it('is written on the compose page, signed, saved and previewed without JavaScript, the frame showing it as readers will', async () => {
    const compose = await editor.get('/newsroom/compose/morning-call');
    expect(compose.dom.querySelector('label[for=note]')?.text).toContain('Editor’s note');
    expect(compose.dom.querySelector('#note-count')?.text).toBe('0 of 5000 characters');
    expect(compose.dom.querySelector('label[for=signNote]')?.text).toContain('— Jane Desk');
    const preview = await editor.submit(
      compose,
      { note: NOTE, signNote: '1', articles: articleIds.map(String) },
      { form: 'form.compose', button: 'button[value=preview]' },
    );
    expect(preview.status).toBe(200);
    expect(preview.url).toMatch(/\/newsroom\/editions\/\d+\/preview$/);
    editionId = Number(/editions\/(\d+)\/preview/.exec(preview.url)![1]);
    expect(preview.dom.querySelector('h1')?.text).toBe('Preview');
    // Left empty, the subject is the lead article's, and the page says so.
    expect(preview.text).toContain('Subject: Morning Call: The Budget, line by line (from the lead article)');
    expect(preview.text).toMatch(/Size: \d+ kB; Gmail clips messages over 102 kB/);

    const frame = await fetch(`${t.url}${preview.dom.querySelector('iframe')!.getAttribute('src')}`, { headers: { cookie: editor.cookieHeader() } });
    const html = parse(await frame.text());
    const note = html.querySelector('.editor-note')!;
    expect(note.text).toContain('Good morning. The Chancellor stood up');
    expect(note.querySelector('strong')?.text).toBe('our verdict');
    expect(note.querySelectorAll('li').map((li) => li.text.trim())).toEqual([
      'the gilt auction at ten,',
      'the Treasury committee, and',
      'your letters, which we read every one of.',
    ]);
    expect(note.querySelector('blockquote')?.text.trim()).toBe('Budgets are judged in the week after, not on the day.');
    expect(html.text).toContain('— Jane Desk');
    // Its links redirect like the articles' in a preview: through /r/, counting nothing, in a tab of their own.
    const links = note.querySelectorAll('a');
    expect(links.map((a) => a.getAttribute('target'))).toEqual(['_blank', '_blank']);
    for (const [i, a] of links.entries())
      expect(codes.verify(a.getAttribute('href')!.split('/r/')[1])).toEqual({ editionId, articleId: noteLinkId(i + 1), segment: TEST_SEGMENT });
    // The note comes before the first article.
    const body = html.querySelector('body')!.toString();
    expect(body.indexOf('Good morning.')).toBeGreaterThan(0);
    expect(body.indexOf('Good morning.')).toBeLessThan(body.indexOf('>The Budget, line by line</a>'));
    const followed = await fetch(links[0].getAttribute('href')!, { redirect: 'manual', headers: { 'user-agent': BROWSER } });
    expect(followed.headers.get('location')).toBe(VERDICT);

    const edit = await editor.get(`/newsroom/editions/${editionId}/edit`);
    expect(edit.dom.querySelector('textarea#note')?.text).toBe(NOTE);
    expect(edit.dom.querySelector('#signNote')?.hasAttribute('checked')).toBe(true);
    expect(edit.dom.querySelector('#note-count')?.text).toBe(`${NOTE.length} of 5000 characters`);
    expect(edit.dom.querySelector('[data-note-rendered] blockquote')?.text.trim()).toBe('Budgets are judged in the week after, not on the day.');
  });

  it('an automatic subject and preheader follow the lead at every save, and say so, until the editor writes their own', async () => {
    const [first, second] = await insertArticles(t, [
      { url: 'https://www.newstatesman.com/world/2026/12/first', title: 'First lead', standfirst: 'The first standfirst.', section: 'World' },
      { url: 'https://www.newstatesman.com/world/2026/12/second', title: 'Second lead', standfirst: 'The second standfirst.', section: 'World' },
    ]);
    const compose = await editor.get('/newsroom/compose/morning-call');
    let edit = await editor.submit(compose, { articles: [String(first), String(second)] }, { form: 'form.compose' });
    const subject = () => edit.dom.querySelector('#subject')?.getAttribute('value');
    const preheader = () => edit.dom.querySelector('#preheader')?.getAttribute('value');
    expect(subject()).toBe('Morning Call: First lead');
    expect(preheader()).toBe('The first standfirst.');
    expect(edit.dom.querySelector('#subject-hint')?.text).toContain('From the lead article');
    expect(edit.dom.querySelector('#preheader-hint')?.text).toContain('From the lead article');

    // ↓ on the lead saves, and the subject and preheader describe the new lead.
    edit = await editor.submit(edit, {}, { form: 'form.compose', button: `button[value="down:${first}"]` });
    expect(subject()).toBe('Morning Call: Second lead');
    expect(preheader()).toBe('The second standfirst.');
    const id = Number(/editions\/(\d+)\/edit/.exec(edit.url)![1]);
    const preview = await editor.get(`/newsroom/editions/${id}/preview`);
    expect(preview.text).toContain('Subject: Morning Call: Second lead (from the lead article)');
    expect(preview.text).toContain('Preheader: The second standfirst. (from the lead article)');
    expect((await api.get(`/api/editions/${id}`)).json.fromLead).toEqual({ subject: true, preheader: true });

    // The editor writes a subject: it stays through a reorder, while the preheader still follows.
    edit = await editor.submit(edit, { subject: 'Our own words' }, { form: 'form.compose' });
    expect(edit.dom.querySelector('#subject-hint')?.text).not.toContain('From the lead article');
    edit = await editor.submit(edit, {}, { form: 'form.compose', button: `button[value="down:${second}"]` });
    expect(subject()).toBe('Our own words');
    expect(preheader()).toBe('The first standfirst.');
    // Emptied, it goes back to the lead's.
    edit = await editor.submit(edit, { subject: '' }, { form: 'form.compose' });
    expect(subject()).toBe('Morning Call: First lead');
    expect((await api.post(`/api/editions/${id}/cancel`)).status).toBe(200);
  });

  it('renders a note being typed as readers will see it, sanitised, for the live preview', async () => {
    const edit = await editor.get(`/newsroom/editions/${editionId}/edit`);
    const csrf = edit.dom.querySelector('form.compose input[name=_csrf]')!.getAttribute('value')!;
    const typed = 'Hello *you*\n\n<script>alert(1)</script> [x](javascript:alert(1))';
    const answer = await editor.postForm('/newsroom/note-preview', { _csrf: csrf, note: typed });
    expect(answer.status).toBe(200);
    const { html, characters } = JSON.parse(answer.body);
    expect(html).toContain('<p>Hello <em>you</em></p>');
    expect(html).not.toMatch(/<script|href="javascript/);
    expect(characters).toBe(typed.length);
    // Without its token, refused.
    expect((await editor.postForm('/newsroom/note-preview', { note: 'x' })).status).toBe(403);
  });

  it('goes out in the test copy, in both parts', async () => {
    const edit = await editor.get(`/newsroom/editions/${editionId}/edit`);
    const before = t.smtp.to(EDITOR).length;
    await editor.submit(edit, {}, { form: 'form.test-send' });
    const mails = await t.smtp.waitFor(EDITOR, before + 1);
    const copy = mails[mails.length - 1];
    expect(copy.parsed.subject).toBe('[Test] Morning Call: The Budget, line by line');
    expect(parse(String(copy.parsed.html)).querySelector('.editor-note')?.text).toContain('Good morning.');
    expect(String(copy.parsed.text)).toContain('Good morning. The Chancellor stood up');
  });

  it("reaches readers at the top of both parts, its links counted as the note's, the text part at 72 columns with [n] references", async () => {
    expect((await api.post(`/api/editions/${editionId}/send`)).status).toBe(202);
    await api.waitForEdition(editionId, ['sent']);
    const mails = readers.map((email) => t.smtp.to(email)[0]);
    const html = parse(String(mails[0].parsed.html));
    const note = html.querySelector('.editor-note')!;
    expect(note.text).toContain('Good morning. The Chancellor stood up at half past twelve');
    expect(html.text).toContain('— Jane Desk');
    const noteLinks = note.querySelectorAll('a').map((a) => a.getAttribute('href')!);
    expect(noteLinks.map((href) => codes.verify(href.split('/r/')[1]))).toEqual([
      { editionId, articleId: noteLinkId(1), segment: 0 },
      { editionId, articleId: noteLinkId(2), segment: 0 },
    ]);
    // The same for every reader: rendered once, never per recipient.
    expect(
      parse(String(mails[1].parsed.html))
        .querySelectorAll('.editor-note a')
        .map((a) => a.getAttribute('href')),
    ).toEqual(noteLinks);

    const text = String(mails[0].parsed.text);
    const start = text.indexOf('Good morning.');
    const end = text.indexOf('-- Jane Desk');
    expect(start).toBeGreaterThan(0);
    expect(end).toBeGreaterThan(start);
    const noteText = text.slice(start, end);
    expect(noteText.split('\n').every((line) => line.length <= 72)).toBe(true);
    expect(noteText.replace(/\s+/g, ' ')).toContain('our verdict is here [1], and it is not kind.');
    expect(noteText).toContain('- the gilt auction at ten,\n- the Treasury committee, and\n- your letters [2], which we read every one of.');
    expect(noteText).toContain('> Budgets are judged in the week after, not on the day.');
    expect(noteText).toContain(`[1] ${noteLinks[0]}\n[2] ${noteLinks[1]}`);
    // The note is above the articles in the text part too.
    expect(start).toBeLessThan(text.indexOf('The Budget, line by line'));
    expect(tracked(t, noteText)).toEqual(noteLinks);

    // A reader follows the note's first link: it leads to the page, and the report counts it as the note's.
    const click = await fetch(noteLinks[0], { redirect: 'manual', headers: { 'user-agent': BROWSER, 'x-forwarded-for': '10.55.0.9' } });
    expect(click.status).toBe(302);
    expect(click.headers.get('location')).toBe(VERDICT);
    await t.app.get(ClicksService).flush();
    const report = (await api.get(`/api/editions/${editionId}/clicks`)).json;
    expect(report.articles.slice(0, 2)).toEqual([
      expect.objectContaining({ articleId: noteLinkId(1), note: true, title: 'here', url: VERDICT, section: 'Editor’s note', clicks: 1 }),
      expect.objectContaining({ articleId: noteLinkId(2), note: true, title: 'your letters', url: LETTERS, clicks: 0 }),
    ]);
    expect(report.sections).toContainEqual(expect.objectContaining({ section: 'Editor’s note', clicks: 1 }));
    expect(report.clicks).toBe(1);
    const page = await editor.get(`/newsroom/editions/${editionId}/report`);
    const row = page.dom.querySelectorAll('tr').find((tr) => tr.querySelector('td')?.text.trim() === 'here (note)')!;
    expect(row.querySelectorAll('td')[1].text).toBe('1');
  });

  it('is kept in the archive copy, linking straight to its pages', async () => {
    const web = await fetch(`${t.url}/archive/morning-call/${editionId}`);
    expect(web.status).toBe(200);
    const html = parse(await web.text());
    const note = html.querySelector('.editor-note')!;
    expect(note.text).toContain('Good morning. The Chancellor stood up');
    expect(note.querySelectorAll('a').map((a) => a.getAttribute('href'))).toEqual([VERDICT, LETTERS]);
    expect(html.text).toContain('— Jane Desk');
    // A page of its own: one main landmark holding it all, the subject as its heading, and the day it went out.
    const main = html.querySelectorAll('main');
    expect(main).toHaveLength(1);
    expect(main[0].querySelector('.editor-note')).not.toBeNull();
    expect(main[0].querySelector('h1')?.text).toBe('Morning Call: The Budget, line by line');
    const [{ day }] = await t.rows<{ day: string }>(`SELECT to_char(started_at AT TIME ZONE 'Europe/London', 'YYYY-MM-DD') AS day FROM editions WHERE id = $1`, [editionId]);
    expect(main[0].querySelector('time')?.getAttribute('datetime')).toBe(day);
    expect(main[0].querySelector('time')?.text).toMatch(/^\d{1,2} [A-Z][a-z]+ \d{4}$/);
  });

  it('a long note with every partner piece stays under 102 kB, or the preview warns', async () => {
    const sentence = (i: number) =>
      `Paragraph ${i} weighs what the week means for [the markets](https://www.newstatesman.com/economy/${i}) and for *everyone else*. `;
    let longNote = '';
    for (let i = 1; longNote.length + sentence(i).length * 2 + 2 < 5000; i += 1) longNote += `${sentence(i)}${sentence(i + 100)}\n\n`;
    const partners = await insertArticles(
      t,
      Array.from({ length: 35 }, (_, i) => ({
        url: `https://partner${i}.example/offer/${'x'.repeat(60)}`,
        title: `Partner piece ${i}: a considered offer for readers in this sector, written at length`,
        standfirst: 'A partner’s standfirst, which runs to a couple of lines in most mail programs, like a real one does. '.repeat(2),
        sponsored: true,
      })),
    );
    const editorial = await insertArticles(
      t,
      Array.from({ length: 15 }, (_, i) => ({
        url: `https://www.newstatesman.com/politics/2026/12/story-${i}`,
        title: `Story ${i}: a headline as long as the subs allow, which is longer than it should be`,
        standfirst: 'A standfirst of ordinary length, saying what the piece argues and why it matters now. '.repeat(2),
        section: 'Politics',
      })),
    );
    const composed = await api.post('/api/newsletters/the-saturday-read/editions', { articleIds: [...editorial, ...partners], note: longNote, signNote: true });
    expect(composed.status).toBe(201);
    expect(composed.json.note.length).toBeGreaterThan(4500);
    const preview = await editor.get(`/newsroom/editions/${composed.json.id}/preview`);
    const frame = await fetch(`${t.url}${preview.dom.querySelector('iframe')!.getAttribute('src')}`, { headers: { cookie: editor.cookieHeader() } });
    const bytes = Buffer.byteLength((await frame.text()).replace(/<a target="_blank" rel="noopener" /g, '<a '));
    const kilobytes = Math.ceil(bytes / 1024);
    const warning = preview.dom.querySelectorAll('[role=alert]').find((el) => el.text.includes('Gmail clips'));
    if (bytes > 90 * 1024) {
      expect(warning?.querySelector('h2')?.text).toBe(`This email is ${kilobytes} kB: Gmail clips messages over 102 kB`);
    } else {
      expect(warning).toBeUndefined();
      expect(preview.text).toContain(`Size: ${kilobytes} kB`);
    }
    expect(bytes < 102 * 1024 || warning !== undefined).toBe(true);

    // Past 90 kB, whatever makes it so, the preview says so before anyone sends it.
    await t.db.query(
      `UPDATE articles SET standfirst = repeat('A standfirst that has grown far past what a standfirst should be. ', 30) WHERE id = ANY($1::int[])`,
      [editorial],
    );
    const heavy = await editor.get(`/newsroom/editions/${composed.json.id}/preview`);
    const alert = heavy.dom.querySelectorAll('[role=alert]').find((el) => el.text.includes('Gmail clips'))!;
    expect(alert.querySelector('h2')?.text).toMatch(/^This email is (\d+) kB: Gmail clips messages over 102 kB$/);
    expect(Number(/(\d+) kB/.exec(alert.text)![1])).toBeGreaterThan(90);
    expect(alert.text).toContain('Shorten the note or leave out some articles');
  });
});
