import { startApp, TestApp } from './support/app';
import { EDITOR_TOKEN, editorApi } from './support/editor';
import { runCli } from './support/processes';

const EDITOR_ENDPOINTS: Array<[method: 'get' | 'post' | 'put', path: string]> = [
  ['post', '/api/newsletters/morning-call/editions'],
  ['get', '/api/editions/1'],
  ['get', '/api/editions/1/preview'],
  ['post', '/api/editions/1/test'],
  ['post', '/api/editions/1/send'],
  ['post', '/api/editions/1/pause'],
  ['post', '/api/editions/1/resume'],
  ['post', '/api/editions/1/cancel'],
  ['get', '/api/newsletters/morning-call/schedule'],
  ['put', '/api/newsletters/morning-call/schedule'],
];

describe('editor authentication', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startApp({ env: { EDITOR_TOKEN, EDITOR_AUTH_FAILURES_PER_10_MIN: '5' } });
  });

  afterAll(async () => {
    await t?.close();
  });

  let caller = 0;

  it.each(EDITOR_ENDPOINTS)('%s %s answers 401 without a token and with a wrong one', async (method, path) => {
    caller += 1;
    const anonymous = await editorApi(t, null, `10.20.0.${caller}`)[method](path, {});
    expect(anonymous.status).toBe(401);
    expect(anonymous.json.message).toContain('Bearer');
    const wrong = await editorApi(t, 'nsed_not-a-real-token', `10.20.0.${caller}`)[method](path, {});
    expect(wrong.status).toBe(401);
  });

  it('lets readers use their endpoints without a token', async () => {
    expect((await editorApi(t, null, '10.20.0.3').get('/api/newsletters')).status).toBe(200);
    expect((await editorApi(t, null, '10.20.0.3').get('/api/job-sectors')).status).toBe(200);
  });

  it('accepts EDITOR_TOKEN, and a token made with the CLI until it is revoked', async () => {
    expect((await editorApi(t, EDITOR_TOKEN, '10.20.1.1').get('/api/newsletters/morning-call/schedule')).status).toBe(200);

    const created = await runCli(['editor:create', 'Desk@NewStatesman.test']);
    expect(created.code).toBe(0);
    const token = /^(nsed_[\w-]{43})$/m.exec(created.stdout)?.[1];
    expect(token).toBeDefined();
    const [stored] = await t.rows<{ token_hash: string; email: string }>(`SELECT token_hash, email FROM editors WHERE email = 'desk@newstatesman.test'`);
    expect(stored.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored.token_hash).not.toContain(token!.slice(5));

    const desk = editorApi(t, token!, '10.20.1.2');
    expect((await desk.get('/api/newsletters/the-saturday-read/schedule')).status).toBe(200);
    expect((await runCli(['editor:create', 'desk@newstatesman.test'])).code).toBe(1);

    const revoked = await runCli(['editor:revoke', 'desk@newstatesman.test']);
    expect(revoked.code).toBe(0);
    const refused = await desk.get('/api/newsletters/the-saturday-read/schedule');
    expect(refused.status).toBe(403);
    expect(refused.json.message).toContain('revoked');
  });

  it('blocks an address after repeated failures, and only that address', async () => {
    const attacker = editorApi(t, 'nsed_guess', '10.20.2.1');
    for (let i = 0; i < 5; i += 1) expect((await attacker.get('/api/editions/1')).status).toBe(401);
    expect((await attacker.get('/api/editions/1')).status).toBe(429);
    // Even a right token from that address waits out the window…
    expect((await editorApi(t, EDITOR_TOKEN, '10.20.2.1').get('/api/newsletters/morning-call/schedule')).status).toBe(429);
    // …while editors elsewhere carry on.
    expect((await editorApi(t, EDITOR_TOKEN, '10.20.2.2').get('/api/newsletters/morning-call/schedule')).status).toBe(200);
  });

  it('guards the Bull Board queue dashboard with editor tokens', async () => {
    const anonymous = await fetch(`${t.url}/admin/queues`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toContain('Basic');
    const wrong = await fetch(`${t.url}/admin/queues`, { headers: { authorization: `Basic ${Buffer.from('editor:nope').toString('base64')}` } });
    expect(wrong.status).toBe(401);
    const page = await fetch(`${t.url}/admin/queues`, { headers: { authorization: `Basic ${Buffer.from(`editor:${EDITOR_TOKEN}`).toString('base64')}` } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Newsletter queues');
    const queues = await fetch(`${t.url}/admin/queues/api/queues`, { headers: { authorization: `Bearer ${EDITOR_TOKEN}` } });
    expect(queues.status).toBe(200);
    const names = ((await queues.json()) as { queues: Array<{ name: string }> }).queues.map((q) => q.name).sort();
    expect(names).toEqual(['delivery', 'delivery-plan', 'editions', 'editors', 'feeds', 'reader-mail', 'retention', 'schedules']);
  });
});
