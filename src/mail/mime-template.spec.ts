import { simpleParser } from 'mailparser';
import { MimeTemplate } from './mime-template';
import { placeholder, placeholders } from './personalised-template';

const HOLES = placeholders(['UNSUBSCRIBE_URL', 'PREFERENCES_URL']);
const LONG_HTML_LINE = `<p>${'Lukashenko’s trip to China matters. '.repeat(80)}</p>`;

function template(): MimeTemplate {
  return new MimeTemplate({
    from: 'New Statesman <newsletters@newstatesman.test>',
    subject: 'Morning Call: Why Alexander Lukashenko’s trip to China matters — and what Beijing wants from it',
    headers: [
      ['List-Unsubscribe', `<${HOLES.UNSUBSCRIBE_URL}>, <mailto:unsubscribe@newstatesman.test>`],
      ['List-Unsubscribe-Post', 'List-Unsubscribe=One-Click'],
    ],
    text: `Hello ${placeholder('EMAIL')}\n\n${'Read more. '.repeat(30)}\nUnsubscribe: ${HOLES.UNSUBSCRIBE_URL}\n.starts with a dot\n`,
    html: `<html><body>${LONG_HTML_LINE}<p>Sent to ${placeholder('EMAIL')}</p><a href="${HOLES.PREFERENCES_URL}">Manage</a> <a href="${HOLES.UNSUBSCRIBE_URL}">Unsubscribe</a></body></html>`,
  });
}

const values = (n: number) => ({
  EMAIL: `reader${n}@example.com`,
  DATE: 'Sat, 28 Nov 2026 07:00:00 +0000',
  MESSAGE_ID: `<e1.s${n}@newstatesman.test>`,
  UNSUBSCRIBE_URL: `https://news.example/unsubscribe?token=AQAAAA${n}.abc.def-_=`,
  PREFERENCES_URL: `https://news.example/preferences?token=AgAAAA${n}.abc.def`,
});

describe('MimeTemplate', () => {
  const built = template();

  it('parses back to the right recipient, subject, links and headers', async () => {
    const raw = built.fill(values(7));
    const mail = await simpleParser(raw);
    expect(mail.to && 'text' in mail.to ? mail.to.text : '').toBe('reader7@example.com');
    expect(mail.subject).toBe('Morning Call: Why Alexander Lukashenko’s trip to China matters — and what Beijing wants from it');
    expect(mail.messageId).toBe('<e1.s7@newstatesman.test>');
    expect(mail.text).toContain('Hello reader7@example.com');
    expect(mail.text).toContain('Unsubscribe: https://news.example/unsubscribe?token=AQAAAA7.abc.def-_=\n');
    expect(mail.text).toContain('\n.starts with a dot');
    expect(mail.html).toContain(LONG_HTML_LINE);
    expect(mail.html).toContain('<a href="https://news.example/preferences?token=AgAAAA7.abc.def">Manage</a>');
    expect(mail.html).toContain('<p>Sent to reader7@example.com</p>');
    const lines = new Map(mail.headerLines.map((h) => [h.key, h.line]));
    expect(lines.get('list-unsubscribe')).toContain('<https://news.example/unsubscribe?token=AQAAAA7.abc.def-_=>');
    expect(lines.get('list-unsubscribe-post')).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
  });

  it('keeps every line within the 76 characters quoted-printable allows', () => {
    const raw = built.fill({ ...values(1), UNSUBSCRIBE_URL: `https://news.example/u?token=${'x'.repeat(300)}` }).toString('latin1');
    const body = raw.slice(raw.indexOf('\r\n\r\n'));
    for (const line of body.split('\r\n')) expect(line.length).toBeLessThanOrEqual(76);
    expect(raw).not.toMatch(/[^\r]\n/);
  });

  it('encodes any value, wherever its "=" signs fall against the line length', async () => {
    for (let length = 60; length <= 180; length += 7) {
      for (let at = 70; at <= 80; at += 1) {
        const chars = Array.from({ length }, (_, i) => (i % 13 === 0 || i === at ? '=' : String.fromCharCode(97 + (i % 26))));
        const url = `https://x.test/u?${chars.join('')}`;
        const raw = built.fill({ ...values(1), UNSUBSCRIBE_URL: url }).toString('latin1');
        for (const line of raw.slice(raw.indexOf('\r\n\r\n')).split('\r\n')) expect(line.length).toBeLessThanOrEqual(76);
        const mail = await simpleParser(raw);
        expect(mail.text).toContain(`Unsubscribe: ${url}\n`);
      }
    }
    // Not printable ASCII, or ending in a space: the library's encoder takes it.
    const odd = await simpleParser(built.fill({ ...values(1), PREFERENCES_URL: 'https://x.test/p?name=Zoë&b=Brontë ' }));
    expect(odd.html).toContain('<a href="https://x.test/p?name=Zoë&amp;b=Brontë ">Manage</a>');
  });

  it('gives each recipient only their own values', async () => {
    const [a, b] = await Promise.all([simpleParser(built.fill(values(1))), simpleParser(built.fill(values(2)))]);
    expect(a.html).toContain('token=AgAAAA1.');
    expect(a.html).not.toContain('token=AgAAAA2.');
    expect(b.html).toContain('token=AgAAAA2.');
  });

  it('escapes values for HTML and refuses header values that would inject headers', () => {
    const html = built.fill({ ...values(1), EMAIL: "o'brien@example.com" }).toString('latin1');
    expect(html).toContain('o&#39;brien@example.com');
    expect(() => built.fill({ ...values(1), EMAIL: 'a@example.com\r\nBcc: b@example.org' })).toThrow('printable ASCII');
    expect(() => built.fill({ ...values(1), MESSAGE_ID: undefined as unknown as string })).toThrow('No value for MESSAGE_ID');
  });

  it('writes into a buffer it is given, and falls back to a new one when it is too small', () => {
    const expected = built.fill(values(3));
    const room = Buffer.alloc(built.fixedLength + 4096, 0x2a);
    const written = built.fill(values(3), room);
    expect(written.equals(expected)).toBe(true);
    expect(written.buffer).toBe(room.buffer);
    const small = Buffer.alloc(16);
    const fallback = built.fill(values(3), small);
    expect(fallback.equals(expected)).toBe(true);
    expect(fallback.buffer).not.toBe(small.buffer);
  });

  it('names every hole it needs filled, and fills the same way each time', () => {
    expect(built.keys).toEqual(new Set(['EMAIL', 'DATE', 'MESSAGE_ID', 'UNSUBSCRIBE_URL', 'PREFERENCES_URL']));
    const first = built.fill(values(1));
    const again = built.fill(values(1));
    expect(again.equals(first)).toBe(true);
  });
});
