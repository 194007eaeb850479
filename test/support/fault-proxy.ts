import { AddressInfo, createConnection, createServer, Server, Socket } from 'node:net';

/**
 * A TCP proxy between the app and one of its servers (PostgreSQL, Redis, SMTP), for outages
 * that never touch the shared servers themselves: cut every connection through it, refuse new
 * ones for a while, or slow every byte down.
 */
export class FaultProxy {
  private server!: Server;
  private readonly pairs = new Set<[Socket, Socket]>();
  private latencyMs = 0;
  private silentUntil = 0;
  private reopen?: NodeJS.Timeout;
  private listening = false;
  port = 0;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  /** A proxy for the server a URL names; `url()` gives the same URL through the proxy. */
  static forUrl(url: string): FaultProxy {
    const parsed = new URL(url);
    return new FaultProxy(parsed.hostname, Number(parsed.port));
  }

  async start(): Promise<this> {
    this.server = createServer((client) => this.accept(client));
    await this.listen();
    return this;
  }

  private async listen(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(this.port, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    this.listening = true;
  }

  /** `url` with its host and port replaced by the proxy's. */
  url(url: string): string {
    const parsed = new URL(url);
    parsed.hostname = '127.0.0.1';
    parsed.port = String(this.port);
    return parsed.toString();
  }

  /** Drops every open connection, as a server crash or a network failure would. */
  cut(): void {
    for (const [client, upstream] of this.pairs) {
      client.destroy();
      upstream.destroy();
    }
    this.pairs.clear();
  }

  /**
   * Cuts every connection and stops listening for `ms`, so new connections are refused
   * (ECONNREFUSED) as if the server were down; then listens again on the same port.
   */
  outage(ms: number): void {
    clearTimeout(this.reopen);
    if (this.listening) {
      this.listening = false;
      this.server.close();
    }
    this.cut();
    this.reopen = setTimeout(() => void this.restore(), ms);
  }

  /** Ends an outage (early, or when its time is up). */
  async restore(): Promise<void> {
    clearTimeout(this.reopen);
    if (!this.listening) await this.listen();
  }

  /**
   * For `ms`, the server's answers are dropped on the way back (its statements still run and
   * commit), then every connection is cut: the client never learns what became of them.
   */
  async loseAnswers(ms: number): Promise<void> {
    this.silentUntil = Date.now() + ms;
    await new Promise((resolve) => setTimeout(resolve, ms));
    this.cut();
  }

  /** Delays every chunk in either direction by `ms` (0: none). */
  latency(ms: number): void {
    this.latencyMs = ms;
  }

  async stop(): Promise<void> {
    clearTimeout(this.reopen);
    this.cut();
    if (this.listening) await new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.listening = false;
  }

  private accept(client: Socket): void {
    client.on('error', () => undefined);
    const upstream = createConnection({ host: this.targetHost, port: this.targetPort });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
    const pair: [Socket, Socket] = [client, upstream];
    this.pairs.add(pair);
    const forget = () => {
      this.pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('close', forget);
    upstream.on('close', forget);
    this.pipe(client, upstream);
    this.pipe(upstream, client, true);
  }

  private pipe(from: Socket, to: Socket, answers = false): void {
    from.on('data', (chunk: Buffer) => {
      if (answers && Date.now() < this.silentUntil) return;
      if (this.latencyMs === 0) {
        if (!to.destroyed) to.write(chunk);
        return;
      }
      from.pause();
      setTimeout(() => {
        if (!to.destroyed) to.write(chunk);
        from.resume();
      }, this.latencyMs);
    });
  }
}
