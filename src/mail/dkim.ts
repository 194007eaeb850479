import { createPrivateKey, KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { DKIMOptions } from 'nodemailer/lib/dkim';

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

export interface DkimKey {
  /** d=: the domain whose DNS publishes the public key (`<selector>._domainkey.<domain>`). */
  domain: string;
  /** s= */
  selector: string;
  privateKey: KeyObject;
}

/** nodemailer's `dkim` option for a transport: every message it sends is signed with the key. */
export function dkimOptions(key: DkimKey): DKIMOptions {
  return {
    domainName: key.domain,
    keySelector: key.selector,
    privateKey: key.privateKey,
    headerFieldNames: DKIM_SIGNED_HEADERS.join(':'),
  };
}

/**
 * Reads and checks a PEM private key once, at start. nodemailer signs rsa-sha256 only, and
 * quietly sends a message unsigned when its key cannot sign: so anything but an unencrypted RSA
 * key of at least 1024 bits (receivers' minimum; 2048 is the norm) is refused here, with the reason.
 */
export function readDkimKey(path: string): KeyObject {
  let pem: Buffer;
  try {
    pem = readFileSync(path);
  } catch (error) {
    throw new Error(`cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch {
    throw new Error('is not an unencrypted PEM private key');
  }
  if (key.asymmetricKeyType !== 'rsa') throw new Error(`holds a ${key.asymmetricKeyType} key; DKIM signing here needs RSA`);
  const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  if (bits < 1024) throw new Error(`holds a ${bits}-bit RSA key; receivers need at least 1024 (use 2048)`);
  return key;
}
