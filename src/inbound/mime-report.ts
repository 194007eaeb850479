/**
 * Just enough MIME to read a delivery status notification (RFC 3464) or an abuse report
 * (RFC 5965): the multipart/report, its machine-readable part, and the headers of the message it
 * is about. Full MIME libraries flatten message/delivery-status into the text; this keeps it.
 */

export interface HeaderFields {
  /** The first value of a field (name in any case), unfolded; undefined when absent. */
  get(name: string): string | undefined;
  all(name: string): string[];
}

export interface MimePart {
  headers: HeaderFields;
  /** Lower-cased, e.g. multipart/report; text/plain when absent (RFC 2045). */
  type: string;
  params: Record<string, string>;
  /** The body with its transfer encoding undone, as latin1 text (bytes kept one to one). */
  body: string;
}

const MAX_DEPTH = 4;

/** Header fields of a block (up to its first empty line), unfolded. */
export function parseHeaderFields(block: string): HeaderFields {
  const fields: Array<[string, string]> = [];
  for (const line of block.split(/\r?\n/)) {
    if (/^[ \t]/.test(line) && fields.length > 0) {
      fields[fields.length - 1][1] += ` ${line.trim()}`;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    fields.push([line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()]);
  }
  return {
    get: (name) => fields.find(([key]) => key === name.toLowerCase())?.[1],
    all: (name) => fields.filter(([key]) => key === name.toLowerCase()).map(([, value]) => value),
  };
}

/** A whole message or body part: its header fields, content type and decoded body. */
export function parsePart(text: string): MimePart {
  const end = /\r?\n\r?\n/.exec(text);
  const head = end ? text.slice(0, end.index) : text;
  const rest = end ? text.slice(end.index + end[0].length) : '';
  const headers = parseHeaderFields(head);
  const { type, params } = contentType(headers.get('content-type'));
  return { headers, type, params, body: decode(rest, headers.get('content-transfer-encoding')) };
}

/** The parts of a multipart body, or none when the boundary never opens. */
export function multipartParts(part: MimePart): MimePart[] {
  const boundary = part.params.boundary;
  if (!part.type.startsWith('multipart/') || !boundary) return [];
  const delimiter = new RegExp(`(?:^|\\r?\\n)--${boundary.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(--)?[ \\t]*(?=\\r?\\n|$)`, 'g');
  const parts: MimePart[] = [];
  let start = -1;
  for (let match = delimiter.exec(part.body); match; match = delimiter.exec(part.body)) {
    if (start >= 0) parts.push(parsePart(part.body.slice(start, match.index)));
    if (match[1]) return parts;
    start = match.index + match[0].length;
    // The delimiter line's own line break belongs to it.
    const lineBreak = /^\r?\n/.exec(part.body.slice(start));
    if (lineBreak) start += lineBreak[0].length;
  }
  return parts;
}

/** The first multipart/report in a message, looking inside other multiparts (a forwarded report). */
export function findReport(part: MimePart, depth = 0): MimePart | null {
  if (part.type === 'multipart/report') return part;
  if (depth >= MAX_DEPTH) return null;
  for (const child of multipartParts(part)) {
    const found = findReport(child, depth + 1);
    if (found) return found;
  }
  return null;
}

/** Groups of header fields separated by empty lines, as message/delivery-status holds them. */
export function fieldGroups(body: string): HeaderFields[] {
  return body
    .split(/\r?\n(?:[ \t]*\r?\n)+/)
    .filter((group) => group.trim() !== '')
    .map(parseHeaderFields);
}

function contentType(value: string | undefined): { type: string; params: Record<string, string> } {
  if (!value) return { type: 'text/plain', params: {} };
  const semicolon = value.indexOf(';');
  const type = (semicolon < 0 ? value : value.slice(0, semicolon)).trim().toLowerCase();
  const params: Record<string, string> = {};
  const pattern = /;\s*([\w!#$%&'*+.^`|~-]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^;\s]*)/g;
  for (let match = pattern.exec(value); match; match = pattern.exec(value)) {
    const raw = match[2];
    params[match[1].toLowerCase()] = raw.startsWith('"') ? raw.slice(1, -1).replace(/\\(.)/g, '$1') : raw;
  }
  return { type, params };
}

function decode(body: string, encoding: string | undefined): string {
  switch (encoding?.trim().toLowerCase()) {
    case 'base64':
      return Buffer.from(body.replace(/[^A-Za-z0-9+/=]/g, ''), 'base64').toString('latin1');
    case 'quoted-printable':
      return body.replace(/=\r?\n/g, '').replace(/=([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    default:
      return body;
  }
}
