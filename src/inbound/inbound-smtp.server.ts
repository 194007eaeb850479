import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { SMTPServer, SMTPServerAddress, SMTPServerDataStream, SMTPServerSession } from 'smtp-server';
import { InboundConfig, inboundConfig } from '../config/config';
import { InboundMailService, InboundRecipient } from './inbound-mail.service';

/** One message names one reader (VERP); a few more cover a report copied to two of our addresses. */
const MAX_RECIPIENTS = 10;

type SmtpError = Error & { responseCode: number };

function smtpError(code: number, message: string): SmtpError {
  return Object.assign(new Error(message), { responseCode: code });
}

/**
 * The inbound SMTP listener: off unless INBOUND_SMTP_PORT is set, and only in processes that run
 * workers. It takes mail for the unsubscribe and bounce addresses the service hands out and
 * refuses every other recipient with 550; no AUTH, no relaying, a size limit on DATA. An answer
 * of 250 comes only after the message was acted on; a failure to act answers 451, so the sending
 * MTA keeps the message and tries again.
 */
@Injectable()
export class InboundSmtpServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(InboundSmtpServer.name);
  private server: SMTPServer | null = null;

  constructor(
    @Inject(inboundConfig.KEY) private readonly config: InboundConfig,
    private readonly inbound: InboundMailService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.port === null) return;
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      disableReverseLookup: true,
      logger: false,
      size: this.config.maxBytes,
      maxClients: 100,
      socketTimeout: 60_000,
      closeTimeout: 10_000,
      onRcptTo: (address, session, callback) => callback(this.checkRecipient(address, session) ?? undefined),
      onData: (stream, session, callback) => this.data(stream, session, callback),
    });
    server.on('error', (error) => this.logger.warn(`Inbound SMTP: ${error.message}`));
    await new Promise<void>((resolve, reject) => {
      server.server.once('error', reject);
      server.listen(this.config.port!, this.config.host, () => {
        server.server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    this.logger.log(`Inbound SMTP listening on ${this.config.host}:${this.config.port} for unsubscribe and bounce addresses`);
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private checkRecipient(address: SMTPServerAddress, session: SMTPServerSession): SmtpError | null {
    if (session.envelope.rcptTo.length >= MAX_RECIPIENTS) return smtpError(452, '4.5.3 Too many recipients');
    // Nothing in the answer says whether an address was ever anyone's.
    return this.inbound.recipient(address.address) ? null : smtpError(550, '5.1.1 No such recipient here');
  }

  private data(stream: SMTPServerDataStream, session: SMTPServerSession, callback: (error?: Error | null) => void): void {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => {
      if (!stream.sizeExceeded) chunks.push(chunk);
    });
    stream.on('end', () => {
      if (stream.sizeExceeded) return callback(smtpError(552, `5.3.4 Message too big: at most ${this.config.maxBytes} bytes`));
      const recipients = session.envelope.rcptTo.map((rcpt) => this.inbound.recipient(rcpt.address)).filter((r): r is InboundRecipient => r !== null);
      this.inbound.receive(recipients, Buffer.concat(chunks)).then(
        () => callback(),
        (error: unknown) => {
          this.logger.error(`Inbound mail could not be acted on, the sender will retry: ${(error as Error).message ?? error}`);
          callback(smtpError(451, '4.3.0 Try again later'));
        },
      );
    });
  }
}
