import { randomBytes } from 'node:crypto';
import { toBase32 } from '../tokens/base32';

/**
 * A Message-ID for mail sent one message at a time (account emails, sign-in links, test copies):
 * the digests' form (src/delivery/message-ids.ts), 26 characters of base32, here from 128 random
 * bits, at the From domain. Not nodemailer's `<uuid@…>`, which named the envelope sender's
 * domain (the bounce domain), unlike every digest.
 */
export function newMessageId(domain: string): string {
  return `<${toBase32(randomBytes(16))}@${domain}>`;
}
