import { markdownToHtml } from './markdown';

describe('markdownToHtml', () => {
  it('keeps prose, emphasis, links and lists', () => {
    expect(markdownToHtml('Hello *there*, read [this](https://example.com/a).\n\n- one\n- two')).toBe(
      '<p>Hello <em>there</em>, read <a href="https://example.com/a">this</a>.</p>\n<ul>\n<li>one</li>\n<li>two</li>\n</ul>',
    );
  });

  it('drops raw HTML, scripts and javascript: links', () => {
    const html = markdownToHtml('<script>alert(1)</script>\n\n[x](javascript:alert(1)) <img src=x onerror=alert(1)>');
    expect(html).not.toMatch(/<script|<img|href="javascript/i);
    expect(html).toContain('&lt;script&gt;');
  });

  it('turns a top-level heading into a sub-heading', () => {
    expect(markdownToHtml('# Big')).toBe('<h2>Big</h2>');
  });
});
