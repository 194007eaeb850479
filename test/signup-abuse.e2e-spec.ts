import { Logger } from '@nestjs/common';
import { startApp, TestApp } from './support/app';
import { EDITOR_TOKEN } from './support/editor';

describe('sign-up: bad input and abuse', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startApp({ env: { EDITOR_TOKEN } });
  });

  afterAll(async () => {
    await t?.close();
  });

  /** Nothing stored and nothing sent, however the request went. */
  async function expectNothingStored(): Promise<void> {
    await t.drain();
    expect(await t.rows('SELECT id FROM subscribers')).toEqual([]);
    expect(await t.rows('SELECT id FROM consent_events')).toEqual([]);
    expect(t.smtp.received).toEqual([]);
  }

  const valid = { email: 'reader@example.com', newsletters: ['morning-call'], jobSector: 'marketing' };

  describe('JSON', () => {
    it.each([
      ['a CRLF header injection', { ...valid, email: 'reader@example.com\r\nBcc: everyone@example.org' }, 'email'],
      ['a bare LF injection', { ...valid, email: 'reader@example.com\nSubject: hi' }, 'email'],
      ['a quoted local part', { ...valid, email: '"attacker@evil.test"@example.com' }, 'email'],
      ['a display name', { ...valid, email: 'Reader <reader@example.com>' }, 'email'],
      ['two addresses', { ...valid, email: 'a@example.com,b@example.com' }, 'email'],
      ['an address over 254 characters', { ...valid, email: `${'a'.repeat(64)}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(63)}.com` }, 'email'],
      ['no address', { newsletters: ['morning-call'] }, 'email'],
      ['an address that is not a string', { ...valid, email: 42 }, 'email'],
      ['no newsletter', { ...valid, newsletters: [] }, 'newsletters'],
      ['newsletters missing', { email: valid.email }, 'newsletters'],
      ['an unknown newsletter', { ...valid, newsletters: ['the-daily-mail'] }, 'newsletters'],
      ['newsletters that are not strings', { ...valid, newsletters: [{ slug: 'morning-call' }] }, 'newsletters'],
      ['an unknown job sector', { ...valid, jobSector: 'astronaut' }, 'jobSector'],
      ['an unknown notice version', { ...valid, noticeVersion: 99 }, 'noticeVersion'],
    ])('rejects %s with a 400 naming the field', async (_, body, field) => {
      const response = await t.reader().postJson('/subscribe', body);
      expect(response.status).toBe(400);
      const { errors } = response.json as { errors: Array<{ field: string; message: string }> };
      expect(errors.map((e) => e.field)).toContain(field);
      expect(errors.every((e) => typeof e.message === 'string' && e.message.length > 0)).toBe(true);
      await expectNothingStored();
    });

    it('names every bad field at once', async () => {
      const response = await t.reader().postJson('/subscribe', { email: 'nope', newsletters: ['nope'], jobSector: 'nope' });
      expect(response.status).toBe(400);
      expect((response.json as { errors: Array<{ field: string }> }).errors.map((e) => e.field).sort()).toEqual([
        'email',
        'jobSector',
        'newsletters',
      ]);
      await expectNothingStored();
    });

    it('rejects malformed JSON and a body that is not an object', async () => {
      const malformed = await t.reader().postJson('/subscribe', '{"email": "reader@example.com",');
      expect(malformed.status).toBe(400);
      expect(malformed.json).toEqual({ errors: [{ field: 'body', message: 'The request body is not valid JSON' }] });
      const array = await t.reader().postJson('/subscribe', [valid]);
      expect(array.status).toBe(400);
      expect((array.json as { errors: Array<{ field: string }> }).errors[0].field).toBe('body');
      await expectNothingStored();
    });

    it('answers 400 naming the body to deeply nested JSON, on /subscribe and the editor API, and logs no stack trace', async () => {
      const error = jest.spyOn(Logger.prototype, 'error');
      const nested = '['.repeat(3000) + ']'.repeat(3000);
      expect(nested.length).toBeLessThan(16 * 1024);
      const subscribe = await t.reader().postJson('/subscribe', `{"email":"reader@example.com","newsletters":["morning-call"],"x":${nested}}`);
      expect([subscribe.status, subscribe.json]).toEqual([400, { errors: [{ field: 'body', message: 'The request body nests too deeply' }] }]);
      for (const [method, path] of [
        ['POST', '/api/newsletters/morning-call/editions'],
        ['PUT', '/api/newsletters/morning-call/schedule'],
      ]) {
        const api = await fetch(`${t.url}${path}`, {
          method,
          headers: { authorization: `Bearer ${EDITOR_TOKEN}`, 'content-type': 'application/json', 'x-forwarded-for': '10.98.0.1' },
          body: nested,
        });
        expect([path, api.status, await api.json()]).toEqual([path, 400, { errors: [{ field: 'body', message: 'The request body nests too deeply' }] }]);
      }
      expect(error).not.toHaveBeenCalled();
      error.mockRestore();
      await expectNothingStored();
    });

    it('answers 413 to an oversized body', async () => {
      const response = await t.reader().postJson('/subscribe', { ...valid, padding: 'x'.repeat(64 * 1024) });
      expect(response.status).toBe(413);
      expect(response.json).toEqual({ errors: [{ field: 'body', message: 'The request body is too large' }] });
      await expectNothingStored();
    });

    it('silently drops a bot that fills in the honeypot', async () => {
      const response = await t.reader().postJson('/subscribe', { ...valid, website: 'http://spam.example' });
      expect(response.status).toBe(202);
      expect(response.json).toEqual({ status: 'pending_confirmation' });
      await expectNothingStored();
    });
  });

  describe('the HTML form', () => {
    it('shows the form again with each error beside its field and the input kept', async () => {
      const reader = t.reader();
      const form = await reader.get('/');
      const page = await reader.submit(form, { email: 'not-an-address', newsletters: ['morning-call'], jobSector: 'astronaut' });
      expect(page.status).toBe(400);
      expect(page.headers.get('content-type')).toContain('text/html');
      expect(page.dom.querySelector('#email-error')?.textContent).toContain('Enter a valid email address');
      expect(page.dom.querySelector('#email')?.getAttribute('aria-invalid')).toBe('true');
      expect(page.dom.querySelector('#email')?.getAttribute('aria-describedby')).toBe('email-error');
      expect(page.dom.querySelector('#email')?.getAttribute('value')).toBe('not-an-address');
      expect(page.dom.querySelector('#jobSector-error')?.textContent).toContain('Choose a job sector from the list');
      expect(page.dom.querySelector('#newsletter-morning-call')?.hasAttribute('checked')).toBe(true);
      expect(page.dom.querySelector('#newsletter-the-saturday-read')?.hasAttribute('checked')).toBe(false);
      expect(page.dom.querySelector('.error-summary')?.textContent).toContain('There is a problem');

      const none = await reader.submit(form, { email: 'reader@example.com', newsletters: [] });
      expect(none.status).toBe(400);
      expect(none.dom.querySelector('#newsletters-error')?.textContent).toContain('Choose at least one newsletter');
      expect(none.dom.querySelector('#email')?.getAttribute('value')).toBe('reader@example.com');
      await expectNothingStored();
    });

    it('keeps markup typed into the form as text', async () => {
      const reader = t.reader();
      const page = await reader.submit(await reader.get('/'), { email: '"><script>alert(1)</script>', newsletters: ['morning-call'] });
      expect(page.status).toBe(400);
      expect(page.body).not.toContain('<script>alert(1)</script>');
      expect(page.dom.querySelector('#email')?.getAttribute('value')).toBe('"><script>alert(1)</script>');
    });

    it('refuses a form post without the CSRF token, and stores nothing', async () => {
      const reader = t.reader();
      const forged = await reader.postForm('/subscribe', { email: 'reader@example.com', newsletters: 'morning-call' });
      expect(forged.status).toBe(403);
      expect(forged.text).toContain('This form has expired');
      // With the cookie but a token from elsewhere.
      await reader.get('/');
      const wrong = await reader.postForm('/subscribe', { _csrf: 'forged-token', email: 'reader@example.com', newsletters: 'morning-call' });
      expect(wrong.status).toBe(403);
      await expectNothingStored();
    });

    it('answers 413 to an oversized form', async () => {
      const reader = t.reader();
      const form = await reader.get('/');
      const page = await reader.submit(form, { email: 'reader@example.com', newsletters: ['morning-call'], padding: 'x'.repeat(64 * 1024) });
      expect(page.status).toBe(413);
      await expectNothingStored();
    });

    it('drops a bot that fills in the honeypot, answering as usual', async () => {
      const reader = t.reader();
      const page = await reader.submit(await reader.get('/'), { ...valid, newsletters: ['morning-call'], website: 'spam' });
      expect(page.status).toBe(200);
      expect(page.text).toContain('Check your inbox');
      await expectNothingStored();
    });
  });

  it('limits sign-ups per client address, with a generic 429', async () => {
    const reader = t.reader();
    const bad = { email: 'x', newsletters: ['morning-call'] };
    for (let i = 0; i < 10; i += 1) expect((await reader.postJson('/subscribe', bad)).status).toBe(400);
    const limited = await reader.postJson('/subscribe', valid);
    expect(limited.status).toBe(429);
    // The standard header a client or proxy reads, in whole seconds; not the throttler's own `Retry-After-signup`.
    expect(limited.headers.get('retry-after')).toMatch(/^[1-9][0-9]*$/);
    expect(Number(limited.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    expect([...limited.headers.keys()].filter((name) => name.endsWith('-signup'))).toEqual([]);
    expect(limited.body).not.toMatch(/reader@example\.com|stack|at \w+ \(/);
    // Another address is not affected, and the limited request stored nothing.
    expect((await t.reader().postJson('/subscribe', bad)).status).toBe(400);
    await expectNothingStored();
  });

  it('never reveals whether an address is already known', async () => {
    const answers: string[] = [];
    const email = 'known@example.com';
    for (let i = 0; i < 3; i += 1) {
      const response = await t.reader().postJson('/subscribe', { email, newsletters: ['morning-call'] });
      answers.push(`${response.status} ${response.body}`);
    }
    const fresh = await t.reader().postJson('/subscribe', { email: 'unknown@example.com', newsletters: ['morning-call'] });
    expect(new Set([...answers, `${fresh.status} ${fresh.body}`]).size).toBe(1);
  });

  it('sends security headers and no framework banner', async () => {
    const page = await t.reader().get('/');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(page.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(page.headers.get('x-powered-by')).toBeNull();
    expect(page.headers.get('cache-control')).toBe('no-store');
  });
});
