const POOLED = 1024;

/**
 * Buffers that messages are written into, handed back once the server has taken them, so a
 * worker's memory does not churn by a message's size for every recipient.
 */
export class MessageBuffers {
  private readonly free: Buffer[] = [];

  take(size: number): Buffer {
    const buffer = this.free.pop();
    return buffer && buffer.length >= size ? buffer : Buffer.allocUnsafeSlow(size);
  }

  /** Only after the send succeeded: a failed send's streams may still hold on to the bytes. */
  give(buffer: Buffer): void {
    if (this.free.length < POOLED) this.free.push(buffer);
  }
}
