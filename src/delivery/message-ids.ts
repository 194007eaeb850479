import { toBase32 } from '../tokens/base32';
import { sha256 } from '../tokens/sha256';

/** The edition's secret, 32 random bytes stored (as hex) when sending starts: EditionsStore.startSending. */
const SALT_BYTES = 32;

/**
 * The Message-IDs of one edition's copies: `<26 characters of base32@domain>`, the first 128 bits
 * of SHA-256(the edition's secret salt ‖ subscriber id). They say nothing of the reader, of how
 * many readers there are, or of which edition it is, and a staging copy's new editions get new
 * salts, so their ids never collide with production's (Gmail silently folds duplicates). A resend
 * of the same copy gets the same id: it depends only on what is stored.
 *
 * The input has a fixed length, so this secret-prefix hash cannot be extended into another id;
 * nothing is verified against it, it only has to be unguessable.
 *
 * Editions that started sending before salts existed (none stored) keep the old form,
 * `<e{edition}.s{subscriber}@domain>`, so their retries keep their ids too.
 */
export class MessageIds {
  private readonly input: Buffer | null;

  constructor(
    private readonly editionId: number,
    salt: string | null,
    private readonly domain: string,
  ) {
    if (salt === null) {
      this.input = null;
      return;
    }
    this.input = Buffer.alloc(SALT_BYTES + 4);
    if (this.input.write(salt, 'hex') !== SALT_BYTES) throw new Error(`Edition ${editionId}'s Message-ID salt is not ${SALT_BYTES} bytes of hex`);
  }

  for(subscriberId: number): string {
    if (!this.input) return `<e${this.editionId}.s${subscriberId}@${this.domain}>`;
    this.input.writeUInt32BE(subscriberId, SALT_BYTES);
    return `<${toBase32(sha256(this.input).subarray(0, 16))}@${this.domain}>`;
  }
}
