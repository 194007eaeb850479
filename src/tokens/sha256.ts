import * as crypto from 'node:crypto';

/**
 * SHA-256 in one call: crypto.hash costs a third of createHmac, which matters once per recipient
 * of a million. Node before 20.12 has only createHash.
 */
export const sha256: (data: Buffer) => Buffer =
  typeof crypto.hash === 'function' ? (data) => crypto.hash('sha256', data, 'buffer') : (data) => crypto.createHash('sha256').update(data).digest();
