import { withoutHttpPictures } from './preview-images';

describe('withoutHttpPictures', () => {
  it('replaces pictures over plain http with a placeholder and names each once, unescaped', () => {
    const html = [
      '<img alt="Chart" src="http://intranet.example/chart.png?a=1&amp;b=2" width="550">',
      "<img src='http://10.0.0.7/x.png'>",
      '<img alt="Again" src="http://intranet.example/chart.png?a=1&amp;b=2">',
      '<img alt="Safe" src="https://www.newstatesman.com/pic.jpg">',
      '<img alt="Inline" src="data:image/png;base64,AAAA">',
      '<td background="http://intranet.example/bg.png" style="background:url(\'http://intranet.example/bg.png\') no-repeat">',
      '<a href="http://www.newstatesman.com/article">a link is not a picture</a>',
    ].join('\n');
    const { html: out, httpPictures } = withoutHttpPictures(html);
    expect(httpPictures).toEqual(['http://intranet.example/chart.png?a=1&b=2', 'http://10.0.0.7/x.png', 'http://intranet.example/bg.png']);
    expect(out).not.toMatch(/(src|background)=["']http:|url\('http:/);
    expect(out).toContain('src="https://www.newstatesman.com/pic.jpg"');
    expect(out).toContain('src="data:image/png;base64,AAAA"');
    expect(out).toContain('href="http://www.newstatesman.com/article"');
    expect(out.match(/data:image\/svg\+xml,/g)).toHaveLength(5);
  });

  it('leaves a preview with none as it is', () => {
    const html = '<img src="https://www.newstatesman.com/pic.jpg">';
    expect(withoutHttpPictures(html)).toEqual({ html, httpPictures: [] });
  });
});
