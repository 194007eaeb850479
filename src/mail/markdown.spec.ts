import { markdownEmail, markdownLinks, markdownToHtml } from './markdown';

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

describe('markdownEmail', () => {
  const note = [
    'Good morning. The **budget** is out, and [our verdict](https://example.com/verdict) is in; the [other view](https://example.com/other) too.',
    '',
    '- first, read [the verdict](https://example.com/verdict) again',
    '- then [write to us](mailto:letters@example.com)',
    '',
    '> A quotation that is long enough to need wrapping at seventy-two columns, as plain text does.',
    '',
    '[bad](javascript:alert(1)) and [relative](/somewhere)',
  ].join('\n');

  it('numbers each distinct address once, in order, and leads every link through href', () => {
    const { html } = markdownEmail(note, (link) => `https://r.example/${link.n}`);
    expect(html).toContain('<a href="https://r.example/1">our verdict</a>');
    expect(html).toContain('<a href="https://r.example/2">other view</a>');
    expect(html).toContain('<a href="https://r.example/1">the verdict</a>');
    expect(html).toContain('<a href="https://r.example/3">write to us</a>');
    expect(html).not.toMatch(/href="javascript|href="\/somewhere/);
    expect(markdownLinks(note)).toEqual([
      { n: 1, url: 'https://example.com/verdict', text: 'our verdict' },
      { n: 2, url: 'https://example.com/other', text: 'other view' },
      { n: 3, url: 'mailto:letters@example.com', text: 'write to us' },
    ]);
  });

  it('sets the text part at 72 columns with [n] references below', () => {
    const { text } = markdownEmail(note, (link) => `https://r.example/${link.n}`);
    expect(text.split('\n').every((line) => line.length <= 72)).toBe(true);
    expect(text).toContain('our verdict [1]');
    expect(text).toContain('- first, read the verdict [1] again\n- then write to us [3]');
    expect(text).toMatch(/^> A quotation .*\n> .*columns, as plain text does\.$/m);
    expect(text).toContain('[bad](javascript:alert(1)) and relative\n');
    expect(text.endsWith('[1] https://r.example/1\n[2] https://r.example/2\n[3] https://r.example/3')).toBe(true);
  });

  it('keeps a long address on a line of its own rather than break it', () => {
    const url = `https://example.com/${'a'.repeat(90)}`;
    const { text } = markdownEmail(`See ${url} now`);
    expect(text).toContain(`See\n${url} [1]\nnow`);
  });
});
