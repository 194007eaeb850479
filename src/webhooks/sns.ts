import { verify, X509Certificate } from 'node:crypto';
import type { FieldError } from '../common/field-errors';
import { isObject } from './payload';

/** An Amazon SNS message as it is POSTed to an HTTP(S) subscriber. */
export interface SnsMessage {
  Type: 'Notification' | 'SubscriptionConfirmation' | 'UnsubscribeConfirmation';
  MessageId: string;
  TopicArn: string;
  Subject?: string;
  Message: string;
  Timestamp: string;
  SignatureVersion: string;
  Signature: string;
  SigningCertURL: string;
  SubscribeURL?: string;
  Token?: string;
}

const TYPES = ['Notification', 'SubscriptionConfirmation', 'UnsubscribeConfirmation'];
const REQUIRED = ['MessageId', 'TopicArn', 'Message', 'Timestamp', 'SignatureVersion', 'Signature', 'SigningCertURL'] as const;

/** AWS's own validators' rule: any other amazonaws.com host (an S3 bucket, say) could serve an attacker's certificate. */
const SNS_HOST = /^sns\.[a-z0-9-]+\.amazonaws\.com(\.cn)?$/;

export function parseSnsMessage(body: unknown): { message?: SnsMessage; errors: FieldError[] } {
  if (!isObject(body)) return { errors: [{ field: 'body', message: 'The body must be an SNS message: a JSON object' }] };
  if (typeof body.Type !== 'string' || !TYPES.includes(body.Type)) return { errors: [{ field: 'Type', message: `Type must be one of ${TYPES.join(', ')}` }] };
  const required = body.Type === 'Notification' ? REQUIRED : ([...REQUIRED, 'SubscribeURL', 'Token'] as const);
  const missing = required.filter((key) => typeof body[key] !== 'string' || body[key] === '');
  if (missing.length > 0) return { errors: missing.map((field) => ({ field, message: `${field} is required` })) };
  if (body.Subject !== undefined && body.Subject !== null && typeof body.Subject !== 'string') return { errors: [{ field: 'Subject', message: 'Subject must be text' }] };
  return { message: body as unknown as SnsMessage, errors: [] };
}

/**
 * What SNS signed: for each key in this (byte-sorted) order that the message has, the key, a
 * newline, the value, a newline. Values are the JSON-decoded strings.
 */
export function snsStringToSign(message: SnsMessage): string {
  const keys =
    message.Type === 'Notification'
      ? ['Message', 'MessageId', 'Subject', 'Timestamp', 'TopicArn', 'Type']
      : ['Message', 'MessageId', 'SubscribeURL', 'Timestamp', 'Token', 'TopicArn', 'Type'];
  const fields = message as unknown as Record<string, unknown>;
  return keys
    .filter((key) => typeof fields[key] === 'string')
    .map((key) => `${key}\n${fields[key] as string}\n`)
    .join('');
}

/** SignatureVersion 1 is SHA1withRSA, 2 is SHA256withRSA; anything else is refused. */
export function verifySnsSignature(message: SnsMessage, certificate: X509Certificate): boolean {
  const algorithm = message.SignatureVersion === '1' ? 'sha1' : message.SignatureVersion === '2' ? 'sha256' : null;
  if (algorithm === null || !/^[A-Za-z0-9+/]+={0,2}$/.test(message.Signature)) return false;
  try {
    return verify(algorithm, Buffer.from(snsStringToSign(message), 'utf8'), certificate.publicKey, Buffer.from(message.Signature, 'base64'));
  } catch {
    return false;
  }
}

/**
 * Whether a URL SNS names (its signing certificate, a subscription's confirmation) may be
 * fetched: https on an SNS host, with no port or credentials; or, in the tests only, the
 * loopback origin they serve their own certificate from.
 */
export function isSnsUrl(url: string, options: { testOrigin: string | null; certificate: boolean }): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.username || parsed.password) return false;
  if (options.certificate && !parsed.pathname.endsWith('.pem')) return false;
  if (options.testOrigin !== null && parsed.origin === new URL(options.testOrigin).origin) return true;
  return parsed.protocol === 'https:' && parsed.port === '' && SNS_HOST.test(parsed.hostname);
}
