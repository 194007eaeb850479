import { createHash, sign } from 'node:crypto';
import { generateCanonicalizedHeader } from 'mailauth/lib/dkim/header';
import { formatSignatureHeaderLine } from 'mailauth/lib/tools';
import type { DkimKey } from '../config/dkim-key';

export type { DkimKey } from '../config/dkim-key';

/**
 * The header fields every DKIM signature covers. RFC 8058 §4: a receiver offers one-click
 * unsubscribe only when a valid signature covers List-Unsubscribe and List-Unsubscribe-Post. The
 * others are what a reader sees and what names the message (RFC 6376 §5.4.1), and MIME-Version and
 * Content-Type, so the body cannot be re-framed under the signature.
 */
const DKIM_SIGNED_HEADERS = [
  'From',
  'To',
  'Subject',
  'Date',
  'Message-ID',
  'MIME-Version',
  'Content-Type',
  'List-Id',
  'List-Unsubscribe',
  'List-Unsubscribe-Post',
] as const;

/**
 * Oversigned (RFC 6376 §8.15): named in h= once more than the message has them, absent ones
 * included. A verifier hashes a copy added on the way for that extra name, so the signature
 * breaks, instead of checking the signed copy while a mail client shows the added one: a second
 * Subject or From, or a List-Unsubscribe of someone else's that one-click would then POST to.
 */
const DKIM_OVERSIGNED_HEADERS = ['From', 'To', 'Subject', 'Date', 'Message-ID', 'List-Unsubscribe', 'List-Unsubscribe-Post'] as const;

const SIGNED = new Set<string>(DKIM_SIGNED_HEADERS.map((name) => name.toLowerCase()));
const CRLF_CRLF = Buffer.from('\r\n\r\n');

/**
 * Signs whole messages, rsa-sha256 relaxed/relaxed, with mailauth's header canonicalization and
 * signature formatting. The choice of header fields is made here: mailauth's own signer puts in h=
 * only the fields a message has, and nodemailer's the same, so neither can oversign. The body is
 * canonicalized here too (`relaxedBodyHash`, checked against mailauth's in its spec): mailauth's
 * allocates a buffer per line and cost a worker more than the RSA signature itself.
 */
export class DkimSigner {
  constructor(private readonly key: DkimKey) {}

  /** The message with its DKIM-Signature field in front. The message must end its lines in CRLF. */
  sign(message: Buffer): Buffer {
    const split = message.indexOf(CRLF_CRLF);
    const headerEnd = split < 0 ? message.length : split + 2;
    const fields = headerFields(message.subarray(0, headerEnd));
    // Bottom up, as a verifier takes repeated fields (RFC 6376 §5.4.2).
    const signed = fields.filter((field) => SIGNED.has(field.key)).reverse();
    const keys = [...signed.map((field) => field.casedKey), ...DKIM_OVERSIGNED_HEADERS];
    const bodyHash = relaxedBodyHash(split < 0 ? Buffer.alloc(0) : message.subarray(split + 4));
    const { canonicalizedHeader, dkimHeaderOpts } = generateCanonicalizedHeader(
      'DKIM',
      // mailauth separates h= names with ": ", so folding it adds no whitespace the hash did not see.
      { keys: keys.join(': '), headers: signed },
      { signingDomain: this.key.domain, selector: this.key.selector, algorithm: 'rsa-sha256', canonicalization: 'relaxed/relaxed', bodyHash, signTime: new Date() },
    );
    dkimHeaderOpts.b = sign('rsa-sha256', canonicalizedHeader, this.key.privateKey).toString('base64');
    return Buffer.concat([Buffer.from(`${formatSignatureHeaderLine('DKIM', dkimHeaderOpts, true)}\r\n`, 'latin1'), message]);
  }
}

let scratch = Buffer.allocUnsafeSlow(64 * 1024);

/**
 * The body's hash under relaxed canonicalization (RFC 6376 §3.4.4), in one pass over its bytes:
 * runs of spaces and tabs become one space, spaces and tabs at the end of a line go, line ends
 * become CRLF, empty lines at the end go, and a body that is not empty ends with CRLF. Written
 * into one scratch buffer kept between messages (signing is synchronous).
 */
export function relaxedBodyHash(body: Buffer): string {
  if (scratch.length < body.length * 2 + 2) scratch = Buffer.allocUnsafeSlow(body.length * 2 + 2);
  const out = scratch;
  let n = 0;
  /** Where the output ends if no line with content follows: trailing empty lines are not hashed. */
  let kept = 0;
  let space = false;
  let content = false;
  for (let i = 0; i < body.length; i += 1) {
    const c = body[i];
    if (c === 0x20 || c === 0x09) space = true;
    else if (c === 0x0d && body[i + 1] === 0x0a) continue;
    else if (c === 0x0a) {
      space = false;
      out[n++] = 0x0d;
      out[n++] = 0x0a;
      if (content) kept = n;
      content = false;
    } else {
      if (space) out[n++] = 0x20;
      space = false;
      out[n++] = c;
      content = true;
    }
  }
  if (content) {
    out[n++] = 0x0d;
    out[n++] = 0x0a;
    kept = n;
  }
  return createHash('sha256').update(out.subarray(0, kept)).digest('base64');
}

/** The header block's fields, each with its continuation lines, in order. */
function headerFields(block: Buffer): Array<{ key: string; casedKey: string; line: Buffer }> {
  const fields: Array<{ key: string; casedKey: string; line: Buffer }> = [];
  let start = 0;
  while (start < block.length) {
    let end = block.indexOf(0x0a, start);
    // A field runs on over lines that begin with a space or a tab.
    while (end >= 0 && end + 1 < block.length && (block[end + 1] === 0x20 || block[end + 1] === 0x09)) end = block.indexOf(0x0a, end + 1);
    if (end < 0) end = block.length - 1;
    const line = block.subarray(start, end + 1);
    const colon = line.indexOf(0x3a);
    if (colon > 0) {
      const casedKey = line.subarray(0, colon).toString('latin1').trim();
      fields.push({ key: casedKey.toLowerCase(), casedKey, line: line.subarray(0, line.length - (line[line.length - 2] === 0x0d ? 2 : 1)) });
    }
    start = end + 1;
  }
  return fields;
}
