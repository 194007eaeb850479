import { normaliseEmail } from './email-address';

describe('normaliseEmail', () => {
  it.each([
    ['Reader@Example.COM', 'reader@example.com'],
    ['  reader@example.com  ', 'reader@example.com'],
    ["o'brien+news@sub.example.co.uk", "o'brien+news@sub.example.co.uk"],
    ['first.last@xn--bcher-kva.example', 'first.last@xn--bcher-kva.example'],
  ])('accepts %j as %j', (input, expected) => {
    expect(normaliseEmail(input)).toEqual({ ok: true, email: expected });
  });

  it.each([
    ['missing', undefined],
    ['empty', '   '],
    ['not a string', ['a@example.com']],
    ['no at sign', 'reader.example.com'],
    ['no domain dot', 'reader@localhost'],
    ['CRLF header injection', 'reader@example.com\r\nBcc: victim@example.org'],
    ['LF alone', 'reader@example.com\nBcc: victim@example.org'],
    ['a comma list', 'a@example.com,b@example.com'],
    ['angle brackets', 'Reader <reader@example.com>'],
    ['quoted local part', '"evil@attacker.org"@example.com'],
    ['quoted spaces', '"a b"@example.com'],
    ['IP literal', 'reader@[127.0.0.1]'],
    ['leading dot', '.reader@example.com'],
    ['double dot', 'rea..der@example.com'],
    ['label with underscore', 'reader@ex_ample.com'],
    ['numeric top level', 'reader@example.123'],
    ['local part over 64', `${'a'.repeat(65)}@example.com`],
    ['NUL byte', 'reader\u0000@example.com'],
    ['non-ASCII local part', 'rëader@example.com'],
  ])('rejects %s', (_, input) => {
    expect(normaliseEmail(input).ok).toBe(false);
  });

  it('rejects an address over 254 characters with a message saying so', () => {
    const long = `${'a'.repeat(60)}@${'b'.repeat(60)}.${'c'.repeat(60)}.${'d'.repeat(60)}.${'e'.repeat(20)}.com`;
    expect(long.length).toBeGreaterThan(254);
    expect(normaliseEmail(long)).toEqual({ ok: false, message: 'An email address can be at most 254 characters' });
  });
});
