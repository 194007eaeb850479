import { createHash, createHmac } from 'node:crypto';
import { toBase32 } from '../../src/tokens/base32';

/**
 * A reader's tokens as mail sent before public ids carried them (format 1, naming the sequential
 * subscriber id), made exactly as that code made them: the links, the List-Unsubscribe mailto's
 * token, and the VERP bounce token. The service only verifies these now; tests need real ones.
 */
export function format1Tokens(secret: string, subscriberId: number, newsletterId: number | null, editionId: number | null = null) {
  const key = createHmac('sha256', secret).update('newsletter link tokens v1').digest();
  const keyId = createHash('sha256').update(key).digest('base64url').slice(0, 6);
  const payload = Buffer.alloc(7);
  payload.writeUInt8(1, 0);
  payload.writeUInt32BE(subscriberId, 1);
  payload.writeUInt16BE(newsletterId ?? 0, 5);
  const body = `${payload.toString('base64url')}.${keyId}`;
  const mac = createHmac('sha256', key).update(body).digest();

  const bounceKey = createHmac('sha256', secret).update('newsletter bounce addresses v1').digest();
  const bounce = Buffer.alloc(9);
  bounce.writeUInt8(1, 0);
  bounce.writeUInt32BE(editionId ?? 0, 1);
  bounce.writeUInt32BE(subscriberId, 5);
  const bounceMac = createHash('sha256')
    .update(Buffer.concat([bounceKey, bounce]))
    .digest()
    .subarray(0, 10);

  return {
    unsubscribe: `${body}.${mac.toString('base64url', 0, 16)}`,
    preferences: `${body}.${mac.toString('base64url', 16, 32)}`,
    unsubscribeAddress: toBase32(Buffer.concat([payload, mac.subarray(0, 10)])),
    bounce: toBase32(Buffer.concat([bounce, bounceMac])),
  };
}
