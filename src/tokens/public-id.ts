/**
 * The reader a token names. Tokens made now carry the reader's random public id; those in mail
 * sent before public ids existed (format 1) carry the sequential subscriber id, and keep working
 * exactly as long as the secret that signed them is the current one or listed as a previous one.
 */
export type TokenReader = { publicId: string } | { subscriberId: number };

/** A reader's public id as PostgreSQL gives it: a UUID in lower-case hex with dashes. */
const LENGTH = 36;
export const PUBLIC_ID_BYTES = 16;

/** Writes a public id's 16 bytes into `into` at `at`; throws on anything that is not a UUID. */
export function writePublicId(publicId: string, into: Buffer, at: number): void {
  if (
    typeof publicId !== 'string' ||
    publicId.length !== LENGTH ||
    publicId[8] !== '-' ||
    publicId[13] !== '-' ||
    publicId[18] !== '-' ||
    publicId[23] !== '-' ||
    into.write(publicId.slice(0, 8), at, 4, 'hex') !== 4 ||
    into.write(publicId.slice(9, 13), at + 4, 2, 'hex') !== 2 ||
    into.write(publicId.slice(14, 18), at + 6, 2, 'hex') !== 2 ||
    into.write(publicId.slice(19, 23), at + 8, 2, 'hex') !== 2 ||
    into.write(publicId.slice(24), at + 10, 6, 'hex') !== 6
  ) {
    throw new RangeError(`Not a reader's public id: ${JSON.stringify(String(publicId).slice(0, 40))}`);
  }
}

/** The public id held in 16 bytes of `bytes` from `at`, spelled as PostgreSQL spells it. */
export function readPublicId(bytes: Buffer, at: number): string {
  const hex = bytes.toString('hex', at, at + PUBLIC_ID_BYTES);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
