import { AddressInfo, createConnection, createServer, Server, Socket } from 'node:net';

/**
 * A TCP proxy between the app and one of its servers (PostgreSQL, Redis, SMTP), for outages
 * that never touch the shared servers themselves: cut every connection through it, refuse new
 * ones for a while, or slow every byte down.
 */
export class FaultProxy {
  private server!: Server;
  private readonly pairs = new Set<[Socket, Socket]>();
  private refusingUntil = 0;
  private latencyMs = 0;
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
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
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

  /** Cuts every connection and refuses new ones for `ms`: the server is away that long. */
  outage(ms: number): void {
    this.refusingUntil = Date.now() + ms;
    this.cut();
  }

  /** Ends an outage early. */
  restore(): void {
    this.refusingUntil = 0;
  }

  get refusing(): boolean {
    return Date.now() < this.refusingUntil;
  }

  /** Delays every chunk in either direction by `ms` (0: none). */
  latency(ms: number): void {
    this.latencyMs = ms;
  }

  async stop(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: Socket): void {
    client.on('error', () => undefined);
    if (this.refusing) {
      client.destroy();
      return;
    }
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
    this.pipe(upstream, client);
  }

  private pipe(from: Socket, to: Socket): void {
    from.on('data', (chunk: Buffer) => {
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
