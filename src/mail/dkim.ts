import type { DKIMOptions } from 'nodemailer/lib/dkim';
import type { DkimKey } from '../config/dkim-key';

export type { DkimKey } from '../config/dkim-key';

/**
 * The header fields every DKIM signature covers, in this order. RFC 8058 §4: a receiver offers
 * one-click unsubscribe only when a valid signature covers List-Unsubscribe and
 * List-Unsubscribe-Post. The others are what a reader sees and what names the message (RFC 6376
 * §5.4.1), and MIME-Version and Content-Type, so the body cannot be re-framed under the signature.
 * nodemailer leaves a field out of h= when the message has none (an editor's sign-in email has
 * no List-Unsubscribe).
 */
export const DKIM_SIGNED_HEADERS = [
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

/** nodemailer's `dkim` option for a transport: every message it sends is signed with the key. */
export function dkimOptions(key: DkimKey): DKIMOptions {
  return {
    domainName: key.domain,
    keySelector: key.selector,
    privateKey: key.privateKey,
    headerFieldNames: DKIM_SIGNED_HEADERS.join(':'),
  };
}
