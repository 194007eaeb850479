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

type Segment = Buffer | { key: string; encoding: 'header' | 'qp' | 'qp-html' };

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
    this.keys = new Set(this.segments.flatMap((s) => (Buffer.isBuffer(s) ? [] : [s.key])));
    this.fixedLength = this.segments.reduce((sum, s) => sum + (Buffer.isBuffer(s) ? s.length : 0), 0);
  }

  /** Bytes every copy has before the recipient's values are added. */
  readonly fixedLength: number;

  /**
   * The message for one recipient. Every key in `keys` needs a value. Given `into` with room
   * enough, the message is written there and a view of it returned: senders that reuse their
   * buffers allocate nothing per message.
   */
  fill(values: Record<string, string>, into?: Buffer): Buffer {
    const encoded = new Map<string, Buffer>();
    const pieces: Buffer[] = [];
    let length = 0;
    for (const segment of this.segments) {
      let piece: Buffer;
      if (Buffer.isBuffer(segment)) {
        piece = segment;
      } else {
        const cacheKey = `${segment.encoding}:${segment.key}`;
        piece = encoded.get(cacheKey) ?? this.encodeValue(segment.key, segment.encoding, values[segment.key]);
        encoded.set(cacheKey, piece);
      }
      pieces.push(piece);
      length += piece.length;
    }
    if (!into || into.length < length) return Buffer.concat(pieces, length);
    let offset = 0;
    for (const piece of pieces) offset += piece.copy(into, offset);
    return into.subarray(0, length);
  }

  private encodeValue(key: string, encoding: 'header' | 'qp' | 'qp-html', value: string | undefined): Buffer {
    if (value === undefined) throw new Error(`No value for ${key}`);
    if (encoding === 'header') {
      // eslint-disable-next-line no-control-regex
      if (!/^[\x20-\x7e]*$/.test(value)) throw new Error(`${key} must be printable ASCII in a header`);
      return Buffer.from(value, 'latin1');
    }
    const text = encoding === 'qp-html' ? escapeHtml(value) : value;
    return Buffer.from(`=${CRLF}${qp(text)}=${CRLF}`, 'latin1');
  }

  private add(text: string, holeEncoding: 'header'): void {
    const parts = text.split(this.pattern);
    parts.forEach((part, index) => {
      if (index % 2 === 1) this.segments.push({ key: part, encoding: holeEncoding });
      else if (part) this.segments.push(Buffer.from(part, 'latin1'));
    });
  }

  private addBody(body: string, encoding: 'qp' | 'qp-html'): void {
    const parts = body.split(this.pattern);
    parts.forEach((part, index) => {
      if (index % 2 === 1) this.segments.push({ key: part, encoding });
      else if (part) this.segments.push(Buffer.from(qp(part), 'latin1'));
    });
  }
}
