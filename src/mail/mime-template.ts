import { randomBytes } from 'node:crypto';
import { encodeWords, foldLines } from 'nodemailer/lib/mime-funcs';
import { encode as qpEncode, wrap as qpWrap } from 'nodemailer/lib/qp';
import { escapeHtml, PLACEHOLDER_NONCE, placeholder, placeholderPattern } from './personalised-template';

export interface MimeMessageParts {
  from: string;
  subject: string;
  /** Headers after From/To/Subject/Date/Message-ID, in order; values may hold placeholders. */
  headers: Array<[name: string, value: string]>;
  /** Both may hold placeholders; the HTML ones are filled with HTML-escaped values. */
  text: string;
  html: string;
  /** The nonce of the placeholders in these parts, when they were rendered by another process. */
  nonce?: string;
}

type Encoding = 'header' | 'qp' | 'qp-html';

/** A literal piece of the message, or the index of the distinct hole (key and encoding) it is. */
type Segment = Buffer | number;

const CRLF = '\r\n';
// One less than RFC 2045's 76, so a hole's soft line break ("=") still fits on the line before it.
const QP_LINE = 75;

function encodeHeaderValue(value: string): string {
  // eslint-disable-next-line no-control-regex
  return /^[\x20-\x7e]*$/.test(value) ? value : encodeWords(value, 'Q', 52);
}

function header(name: string, value: string): string {
  if (/[\r\n]/.test(value)) throw new Error(`Header ${name} may not contain a line break`);
  return foldLines(`${name}: ${encodeHeaderValue(value)}`, 76) + CRLF;
}

function qp(text: string): string {
  return qpWrap(qpEncode(text.replace(/\r?\n/g, CRLF)), QP_LINE);
}

// eslint-disable-next-line no-control-regex
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/**
 * Quoted-printable for a recipient's value, between soft line breaks. Addresses and links are
 * printable ASCII, where only "=" needs encoding; they take a fast path, anything else the
 * library's encoder.
 */
function qpValue(text: string): string {
  if (!PRINTABLE_ASCII.test(text) || text.endsWith(' ')) return `=${CRLF}${qp(text)}=${CRLF}`;
  const encoded = text.includes('=') ? text.replaceAll('=', '=3D') : text;
  let out = `=${CRLF}`;
  let start = 0;
  while (encoded.length - start > QP_LINE) {
    // Never cut an "=3D" in two.
    let end = start + QP_LINE;
    if (encoded[end - 1] === '=') end -= 1;
    else if (encoded[end - 2] === '=') end -= 2;
    out += `${encoded.slice(start, end)}=${CRLF}`;
    start = end;
  }
  return `${out}${encoded.slice(start)}=${CRLF}`;
}

/**
 * A whole MIME message (multipart/alternative, quoted-printable parts) built once per edition,
 * with holes for each recipient's values. Filling it only encodes the few short values and
 * concatenates buffers, so its cost does not grow with the size of the digest.
 *
 * Each hole in a body stands on a line of its own between soft line breaks ("=\r\n"), so the
 * quoted-printable line rules hold whatever length the value has, and decoding removes the breaks.
 */
export class MimeTemplate {
  private readonly segments: Segment[] = [];
  /** Each distinct hole, in first-seen order; segments point at these. */
  private readonly holes: Array<{ key: string; encoding: Encoding }> = [];
  private readonly pattern: RegExp;
  readonly keys: ReadonlySet<string>;

  constructor(parts: MimeMessageParts) {
    const nonce = parts.nonce ?? PLACEHOLDER_NONCE;
    this.pattern = placeholderPattern(nonce);
    const boundary = `----=_nl_${randomBytes(12).toString('hex')}`;
    const head =
      header('From', parts.from) +
      'To: ' + placeholder('EMAIL', nonce) + CRLF +
      header('Subject', parts.subject) +
      'Date: ' + placeholder('DATE', nonce) + CRLF +
      'Message-ID: ' + placeholder('MESSAGE_ID', nonce) + CRLF +
      'MIME-Version: 1.0' + CRLF +
      parts.headers.map(([name, value]) => foldLines(`${name}: ${value}`, 998) + CRLF).join('') +
      `Content-Type: multipart/alternative; boundary="${boundary}"` + CRLF +
      CRLF;
    this.add(head, 'header');
    for (const [type, body] of [['text/plain', parts.text], ['text/html', parts.html]] as const) {
      this.add(
        `--${boundary}${CRLF}Content-Type: ${type}; charset=utf-8${CRLF}Content-Transfer-Encoding: quoted-printable${CRLF}${CRLF}`,
        'header',
      );
      this.addBody(body, type === 'text/html' ? 'qp-html' : 'qp');
      this.add(CRLF, 'header');
    }
    this.add(`--${boundary}--${CRLF}`, 'header');
    this.keys = new Set(this.holes.map((hole) => hole.key));
    this.fixedLength = this.segments.reduce<number>((sum, s) => sum + (typeof s === 'number' ? 0 : s.length), 0);
  }

  /** Bytes every copy has before the recipient's values are added. */
  readonly fixedLength: number;

  /**
   * The message for one recipient. Every key in `keys` needs a value. Given `into` with room
   * enough, the message is written there and a view of it returned: senders that reuse their
   * buffers allocate nothing per message.
   */
  fill(values: Record<string, string>, into?: Buffer): Buffer {
    const encoded = this.holes.map((hole) => encodeValue(hole.key, hole.encoding, values[hole.key]));
    let length = 0;
    for (const segment of this.segments) length += typeof segment === 'number' ? encoded[segment].length : segment.length;
    const target = into && into.length >= length ? into : Buffer.allocUnsafe(length);
    let offset = 0;
    for (const segment of this.segments) {
      offset += typeof segment === 'number' ? target.write(encoded[segment], offset, 'latin1') : segment.copy(target, offset);
    }
    return target.subarray(0, length);
  }

  private add(text: string, holeEncoding: 'header'): void {
    const parts = text.split(this.pattern);
    parts.forEach((part, index) => {
      if (index % 2 === 1) this.segments.push(this.hole(part, holeEncoding));
      else if (part) this.segments.push(Buffer.from(part, 'latin1'));
    });
  }

  private addBody(body: string, encoding: 'qp' | 'qp-html'): void {
    const parts = body.split(this.pattern);
    parts.forEach((part, index) => {
      if (index % 2 === 1) this.segments.push(this.hole(part, encoding));
      else if (part) this.segments.push(Buffer.from(qp(part), 'latin1'));
    });
  }

  private hole(key: string, encoding: Encoding): number {
    const found = this.holes.findIndex((hole) => hole.key === key && hole.encoding === encoding);
    if (found >= 0) return found;
    this.holes.push({ key, encoding });
    return this.holes.length - 1;
  }
}

/** A value as it stands in the message: raw in a header, quoted-printable in a body. */
function encodeValue(key: string, encoding: Encoding, value: string | undefined): string {
  if (value === undefined) throw new Error(`No value for ${key}`);
  if (encoding === 'header') {
    if (!PRINTABLE_ASCII.test(value)) throw new Error(`${key} must be printable ASCII in a header`);
    return value;
  }
  return qpValue(encoding === 'qp-html' ? escapeHtml(value) : value);
}
