import { AddressInfo } from 'node:net';
import { simpleParser, ParsedMail } from 'mailparser';
import { SMTPServer, SMTPServerAddress, SMTPServerSession } from 'smtp-server';

export interface ReceivedMail {
  from: string;
  to: string[];
  /** The name the client gave in EHLO (or HELO). */
  helo: string;
  raw: Buffer;
  parsed: ParsedMail;
  /** When the server had the whole message (ms since the epoch). */
  receivedAt: number;
  /** A header as it arrived, unfolded; undefined when absent. */
  header(name: string): string | undefined;
}

/** What the server answers a recipient: undefined accepts it. */
export type RecipientRule = (address: string, session: SMTPServerSession) => { code: number; message: string } | undefined;

/**
 * A real SMTP server on loopback. It stores and parses whatever arrives, so tests read mail the
 * way a reader's mailbox would get it.
 */
export class SmtpSink {
  readonly received: ReceivedMail[] = [];
  rule: RecipientRule = () => undefined;
  /** After a message's data arrived: true hangs up instead of answering 250 (nothing is kept). */
  dropAfterData: (to: string[]) => boolean = () => false;
  /** What arrived in full before the server hung up on it (dropAfterData): the client saw no 250. */
  readonly dropped: Array<{ to: string[]; raw: Buffer }> = [];
  /** Wait this long before answering each message's data: a slow server. */
  acceptDelayMs = 0;
  private server!: SMTPServer;
  private waiters: Array<() => void> = [];
  port = 0;

  async start(): Promise<this> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      size: 20 * 1024 * 1024,
      onRcptTo: (address: SMTPServerAddress, session, callback) => {
        const refusal = this.rule(address.address, session);
        if (!refusal) return callback();
        const error = new Error(refusal.message) as Error & { responseCode: number };
        error.responseCode = refusal.code;
        callback(error);
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks);
          const receivedAt = Date.now();
          const to = session.envelope.rcptTo.map((r) => r.address);
          if (this.dropAfterData(to)) {
            this.dropped.push({ to, raw });
            const connection = [...(this.server as unknown as { connections: Set<{ session: { id: string }; _socket: { destroy(): void } }> }).connections].find(
              (c) => c.session.id === session.id,
            );
            connection?._socket.destroy();
            return;
          }
          simpleParser(raw)
            .then((parsed) => {
              const lines = new Map(parsed.headerLines.map((h) => [h.key, h.line.slice(h.line.indexOf(':') + 1).replace(/\r?\n\s+/g, ' ').trim()]));
              this.received.push({
                from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
                to: session.envelope.rcptTo.map((r) => r.address),
                helo: session.hostNameAppearsAs,
                raw,
                parsed,
                receivedAt,
                header: (name) => lines.get(name.toLowerCase()),
              });
              this.waiters.splice(0).forEach((wake) => wake());
              if (this.acceptDelayMs > 0) setTimeout(() => callback(), this.acceptDelayMs);
              else callback();
            })
            .catch(callback);
        });
      },
    });
    // A client killed mid-message (the crash tests do that) resets its connection; that is news
    // for the test, not an error of the server.
    this.server.on('error', () => undefined);
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.server.address() as AddressInfo).port;
    return this;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  to(address: string): ReceivedMail[] {
    return this.received.filter((mail) => mail.to.includes(address));
  }

  /** Waits until `count` messages have arrived for `address` (default one), then returns them. */
  async waitFor(address: string, count = 1, timeoutMs = 15_000): Promise<ReceivedMail[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.to(address).length < count) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`Expected ${count} message(s) for ${address}, got ${this.to(address).length}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 250));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.to(address);
  }

  /** A relay dying: stops listening and drops every connection at once, mid-message or not. */
  async kill(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const connection of (this.server as unknown as { connections: Set<{ _socket: { destroy(): void } }> }).connections) connection._socket.destroy();
    await closed;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
