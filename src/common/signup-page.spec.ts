import { normalisePage } from './signup-page';

describe('the page a sign-up came from', () => {
  it('keeps scheme, host and path, and the utm_* values apart', () => {
    expect(normalisePage('https://WWW.NewStatesman.com:443/politics/2026/12/a-piece/?utm_source=twitter&utm_Campaign=x&id=42&fbclid=abc#comments')).toEqual({
      url: 'https://www.newstatesman.com/politics/2026/12/a-piece',
      utm: { utm_source: 'twitter', utm_campaign: 'x' },
    });
  });

  it('drops every other query string and the user part', () => {
    expect(normalisePage('http://reader:secret@127.0.0.2:8080/?email=a@b.c&session=1')).toEqual({ url: 'http://127.0.0.2:8080/', utm: null });
  });

  it('refuses what is not an http(s) page', () => {
    for (const raw of ['javascript:alert(1)', 'data:text/html,hi', 'file:///etc/passwd', 'not a url', '', 42, null, `https://a.example/${'x'.repeat(3000)}`]) {
      expect(normalisePage(raw)).toBeNull();
    }
  });
});
