/** A grey box saying why the picture is missing, the size of a picture in a digest. */
const PLACEHOLDER = `data:image/svg+xml,${encodeURIComponent(
  '<svg xmlns="http://www.w3.org/2000/svg" width="600" height="200" viewBox="0 0 600 200"><rect width="600" height="200" fill="#e6e3dc"/>' +
    '<text x="300" y="106" text-anchor="middle" font-family="Georgia, serif" font-size="20" fill="#3d3d3d">Picture not shown: plain http</text></svg>',
)}`;

// Where a design can name a picture: an <img>'s src, a table's background, a style's url(…).
const PICTURE_URLS = [
  /(<img\b[^>]*?\ssrc\s*=\s*)(["'])(http:\/\/[^"']*)\2/gi,
  /(<[a-z][^>]*?\sbackground\s*=\s*)(["'])(http:\/\/[^"']*)\2/gi,
  /(url\(\s*)(["']?)(http:\/\/[^"')\s]*)\2(?=\s*\))/gi,
];

/**
 * The preview's HTML with every picture over plain http replaced by a placeholder, and those
 * pictures' URLs (unescaped, each once) for the page to name. The preview's policy allows https
 * and data: pictures only, so a feed's picture address cannot make an editor's browser request a
 * host on the office network; the placeholder says why the picture is missing rather than
 * leaving a broken image.
 */
export function withoutHttpPictures(html: string): { html: string; httpPictures: string[] } {
  const found = new Set<string>();
  let out = html;
  for (const pattern of PICTURE_URLS) {
    out = out.replace(pattern, (_match, before: string, quote: string, url: string) => {
      found.add(unescapeHtml(url));
      return `${before}${quote}${PLACEHOLDER}${quote}`;
    });
  }
  return { html: out, httpPictures: [...found] };
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** An attribute's value as the browser reads it (the entities Handlebars and MJML write). */
function unescapeHtml(value: string): string {
  return value.replace(/&(?:#(\d+)|#x([0-9a-f]+)|(\w+));/gi, (entity, dec: string | undefined, hex: string | undefined, name: string | undefined) => {
    if (dec) return String.fromCodePoint(Number(dec));
    if (hex) return String.fromCodePoint(parseInt(hex, 16));
    return ENTITIES[name!.toLowerCase()] ?? entity;
  });
}
