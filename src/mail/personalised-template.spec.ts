import { escapeHtml, PersonalisedTemplate, placeholder, placeholders } from './personalised-template';

describe('PersonalisedTemplate', () => {
  it('fills every placeholder, escaping values for HTML', () => {
    const { URL, EMAIL } = placeholders(['URL', 'EMAIL']);
    const template = new PersonalisedTemplate(`<a href="${URL}">Unsubscribe ${EMAIL}</a> ${URL}`, escapeHtml);
    expect(template.keys).toEqual(['URL', 'EMAIL', 'URL']);
    expect(template.fill({ URL: 'https://x.test/u?a=1&b=2', EMAIL: "o'brien@x.test" })).toBe(
      `<a href="https://x.test/u?a=1&amp;b=2">Unsubscribe o&#39;brien@x.test</a> https://x.test/u?a=1&amp;b=2`,
    );
  });

  it('leaves text that only looks like a placeholder alone', () => {
    const template = new PersonalisedTemplate('NLX00000000XURLX and %%URL%%');
    expect(template.fill({})).toBe('NLX00000000XURLX and %%URL%%');
  });

  it('refuses to send a document with a hole left unfilled', () => {
    const template = new PersonalisedTemplate(`Hello ${placeholder('NAME')}`);
    expect(() => template.fill({})).toThrow('No value for placeholder NAME');
  });
});
