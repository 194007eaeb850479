import {
  ForbiddenException,
  HttpException,
  HttpStatus,
  Inject,
  Injectable,
  Logger,
  NotFoundException,
  ServiceUnavailableException,
  UnauthorizedException,
} from '@nestjs/common';
import IORedis from 'ioredis';
import { FieldErrorsException } from '../common/field-errors';
import { DeliverabilityConfig, deliverabilityConfig } from '../config/config';
import { REDIS } from '../queue/redis.module';
import { DeliverabilityService } from '../deliverability/deliverability.service';
import { EditorSignIns } from '../editors/editor-sign-ins';
import { genericEvent, verifyGenericSignature } from './generic';
import { mailgunEvents, mailgunSignature, verifyMailgunSignature } from './mailgun';
import { isFresh, parseJson, ParsedEvents } from './payload';
import { basicAuthMatches, postmarkEvents } from './postmark';
import { sendgridEvents, verifySendgridSignature } from './sendgrid';
import { sesEvents } from './ses';
import { isSnsUrl, parseSnsMessage, verifySnsSignature } from './sns';
import { SnsCertificates } from './sns-certificates';

/** What a receiver answers: how many events the body held, and how many were new. */
export interface WebhookAnswer {
  received: number;
  recorded: number;
}

const OFF = 'This webhook receiver is not configured';

/** 429, with how long to wait. */
export class TooManyFailures extends HttpException {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message, HttpStatus.TOO_MANY_REQUESTS);
  }
}

/**
 * The webhook receivers' work: authenticate the request before reading anything from it, parse
 * the provider's format, and hand each event to DeliverabilityService.handle. Anything unsigned
 * or badly signed is 401, a body that is not the provider's format 400: either way nothing is
 * recorded.
 */
@Injectable()
export class WebhookIntake {
  private readonly logger = new Logger(WebhookIntake.name);

  constructor(
    private readonly deliverability: DeliverabilityService,
    private readonly certificates: SnsCertificates,
    private readonly signIns: EditorSignIns,
    @Inject(deliverabilityConfig.KEY)
    private readonly config: DeliverabilityConfig,
    @Inject(REDIS) private readonly redis: IORedis,
  ) {}

  /** Amazon SES through SNS: the signature over the message's fields, with AWS's certificate. */
  async ses(raw: Buffer): Promise<WebhookAnswer | { confirmed: true }> {
    if (this.config.sesTopicArns.length === 0) throw new NotFoundException(OFF);
    const body = parseJson(raw);
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new FieldErrorsException([{ field: 'body', message: 'The body must be an SNS message: a JSON object' }]);
    const fields = body as Record<string, unknown>;
    if (['Signature', 'SignatureVersion', 'SigningCertURL'].some((key) => typeof fields[key] !== 'string' || fields[key] === '')) throw new UnauthorizedException('The message is not signed');
    const { message, errors } = parseSnsMessage(body);
    if (!message) throw new FieldErrorsException(errors);
    const testOrigin = this.config.snsTestCertOrigin;
    if (!isSnsUrl(message.SigningCertURL, { testOrigin, certificate: true })) throw new UnauthorizedException('The signing certificate is not on an SNS host');
    // The cheap checks first: a forged message must not make the service fetch a URL it names (or answer 503).
    // Both fields are signed, so the signature below still vouches for what was checked here.
    if (!this.config.sesTopicArns.includes(message.TopicArn)) throw new ForbiddenException('Notifications from this topic are not accepted');
    if (!isFresh(Date.parse(message.Timestamp) / 1000, Date.now(), this.config.webhookMaxAgeSeconds)) throw new UnauthorizedException('The message is too old (a replay?)');
    if (!verifySnsSignature(message, await this.certificates.get(message.SigningCertURL))) throw new UnauthorizedException('The signature does not match');

    if (message.Type === 'SubscriptionConfirmation') {
      if (!isSnsUrl(message.SubscribeURL!, { testOrigin, certificate: false })) throw new FieldErrorsException([{ field: 'SubscribeURL', message: 'SubscribeURL is not on an SNS host' }]);
      await this.confirmSubscription(message.TopicArn, message.SubscribeURL!);
      return { confirmed: true };
    }
    if (message.Type === 'UnsubscribeConfirmation') {
      this.logger.warn(`SNS topic ${message.TopicArn} unsubscribed this endpoint: SES bounces and complaints will no longer arrive`);
      return { received: 0, recorded: 0 };
    }
    return this.handleAll(sesEvents(message.MessageId, message.Message));
  }

  /** Postmark: basic-auth credentials in the webhook's URL. */
  async postmark(raw: Buffer, authorization: string | undefined, client: string): Promise<WebhookAnswer> {
    const credentials = this.config.postmark;
    if (!credentials) throw new NotFoundException(OFF);
    // Guessing the password here costs what guessing an editor's token does: one count of failures per client.
    const blocked = await this.signIns.blocked(client);
    if (blocked) throw new TooManyFailures(blocked.message, blocked.retryAfterSeconds);
    if (!basicAuthMatches(authorization, credentials.user, credentials.password)) {
      await this.signIns.failed(client);
      throw new UnauthorizedException('Wrong or missing credentials');
    }
    const body = parseJson(raw);
    return this.handleAll(postmarkEvents(body, raw.toString('utf8')));
  }

  /** Mailgun: an HMAC of a timestamp and a token, each token good once. */
  async mailgun(raw: Buffer): Promise<WebhookAnswer> {
    const key = this.config.mailgunSigningKey;
    if (!key) throw new NotFoundException(OFF);
    const body = parseJson(raw);
    if (body === undefined) throw new FieldErrorsException([{ field: 'body', message: 'The body is not valid JSON' }]);
    const signature = mailgunSignature(body);
    if (!signature) throw new UnauthorizedException('The request is not signed');
    if (!verifyMailgunSignature(signature, key)) throw new UnauthorizedException('The signature does not match');
    if (!/^\d{1,12}$/.test(signature.timestamp) || !isFresh(Number(signature.timestamp), Date.now(), this.config.webhookMaxAgeSeconds)) {
      throw new UnauthorizedException('The signature is too old (a replay?)');
    }
    const parsed = mailgunEvents(body);
    if (parsed.errors.length > 0) throw new FieldErrorsException(parsed.errors);
    // A token signs any body: once seen, it is good only for the event it first came with.
    const eventId = parsed.events[0]?.eventId ?? '';
    const tokenKey = `deliverability:mailgun-token:${signature.token}`;
    const fresh = await this.redis.set(tokenKey, eventId, 'EX', this.config.webhookMaxAgeSeconds * 2 + 60, 'NX');
    if (fresh === null && (await this.redis.get(tokenKey)) !== eventId) throw new UnauthorizedException('This signature was already used');
    return this.handleAll(parsed);
  }

  /** SendGrid: ECDSA over the timestamp header and the raw body. */
  async sendgrid(raw: Buffer, signature: string | undefined, timestamp: string | undefined): Promise<WebhookAnswer> {
    const key = this.config.sendgridPublicKey;
    if (!key) throw new NotFoundException(OFF);
    if (!signature || !timestamp) throw new UnauthorizedException('The request is not signed');
    if (!verifySendgridSignature(key, timestamp, raw, signature.trim())) throw new UnauthorizedException('The signature does not match');
    if (!/^\d{1,12}$/.test(timestamp) || !isFresh(Number(timestamp), Date.now(), this.config.webhookMaxAgeSeconds)) throw new UnauthorizedException('The signature is too old (a replay?)');
    return this.handleAll(sendgridEvents(parseJson(raw)));
  }

  /** Any other relay: `X-Signature: sha256=<HMAC of the raw body>`, optionally with `X-Timestamp`. */
  async generic(raw: Buffer, signature: string | undefined, timestamp: string | undefined): Promise<WebhookAnswer> {
    const secret = this.config.bounceWebhookSecret;
    if (!secret) throw new NotFoundException(OFF);
    if (!signature) throw new UnauthorizedException('The request is not signed');
    if (!verifyGenericSignature(secret, raw, signature, timestamp)) throw new UnauthorizedException('The signature does not match');
    if (timestamp !== undefined && (!/^\d{1,12}$/.test(timestamp) || !isFresh(Number(timestamp), Date.now(), this.config.webhookMaxAgeSeconds))) {
      throw new UnauthorizedException('The timestamp is too old (a replay?)');
    }
    return this.handleAll(genericEvent(parseJson(raw)));
  }

  private async handleAll(parsed: ParsedEvents): Promise<WebhookAnswer> {
    if (parsed.errors.length > 0) throw new FieldErrorsException(parsed.errors);
    let recorded = 0;
    for (const event of parsed.events) if ((await this.deliverability.handle(event)).recorded) recorded += 1;
    return { received: parsed.events.length, recorded };
  }

  private async confirmSubscription(topicArn: string, url: string): Promise<void> {
    try {
      const response = await fetch(url, { redirect: 'error', signal: AbortSignal.timeout(5_000) });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      await response.arrayBuffer();
    } catch (error) {
      this.logger.warn(`Could not confirm the SNS subscription to ${topicArn}: ${(error as Error).message}`);
      throw new ServiceUnavailableException('The subscription could not be confirmed; try again');
    }
    this.logger.log(`Confirmed the SNS subscription to ${topicArn}: SES bounces and complaints will arrive at /webhooks/ses`);
  }
}
