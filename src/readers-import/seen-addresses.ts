/**
 * The addresses an import has met so far, to tell a repeat within the file from a reader who
 * was already known. A Set of a million strings would hold about 100 MB; this keeps a 53-bit
 * hash of each address and the line it was first on, 12 bytes a slot, in typed arrays (about
 * 25 MB for a million addresses). Two different addresses share a hash with a chance of about
 * one in 10^4 in a file of ten million (n²/2⁵⁴), and the cost would be one line reported as a
 * repeat of another.
 */
export class SeenAddresses {
  private keys: Float64Array;
  private lines: Uint32Array;
  private count = 0;

  constructor(capacity = 1 << 16) {
    this.keys = new Float64Array(capacity);
    this.lines = new Uint32Array(capacity);
  }

  get size(): number {
    return this.count;
  }

  /** Notes an address on a line: the line it was first seen on when it is a repeat, else null. */
  add(email: string, line: number): number | null {
    const key = keyOf(email);
    const slot = this.find(this.keys, key);
    if (this.keys[slot] === key) return this.lines[slot];
    this.keys[slot] = key;
    this.lines[slot] = line;
    this.count += 1;
    if (this.count * 2 > this.keys.length) this.grow();
    return null;
  }

  private find(keys: Float64Array, key: number): number {
    const mask = keys.length - 1;
    let slot = key % keys.length & mask;
    while (keys[slot] !== 0 && keys[slot] !== key) slot = (slot + 1) & mask;
    return slot;
  }

  private grow(): void {
    const keys = new Float64Array(this.keys.length * 2);
    const lines = new Uint32Array(keys.length);
    for (let i = 0; i < this.keys.length; i += 1) {
      const key = this.keys[i];
      if (key === 0) continue;
      const slot = this.find(keys, key);
      keys[slot] = key;
      lines[slot] = this.lines[i];
    }
    this.keys = keys;
    this.lines = lines;
  }
}

/** cyrb53 (public domain): a fast 53-bit string hash, never 0 (0 marks an empty slot). */
function keyOf(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0) || 1;
}
