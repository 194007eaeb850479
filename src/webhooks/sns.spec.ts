import { createSign, X509Certificate } from 'node:crypto';
import { generate } from 'selfsigned';
import { isSnsUrl, parseSnsMessage, SnsMessage, snsStringToSign, verifySnsSignature } from './sns';

describe('SNS messages', () => {
  let privateKey: string;
  let certificate: X509Certificate;
  let otherCertificate: X509Certificate;

  beforeAll(async () => {
    const pems = await generate([{ name: 'commonName', value: 'sns.amazonaws.com' }], { keySize: 2048, algorithm: 'sha256' });
    privateKey = pems.private;
    certificate = new X509Certificate(pems.cert);
    otherCertificate = new X509Certificate((await generate([{ name: 'commonName', value: 'someone.else' }], { keySize: 2048 })).cert);
  });

  const notification = (overrides: Partial<SnsMessage> = {}): SnsMessage => ({
    Type: 'Notification',
    MessageId: '22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324',
    TopicArn: 'arn:aws:sns:us-west-2:123456789012:MyTopic',
    Subject: 'My First Message',
    Message: 'Hello world!\nSecond line',
    Timestamp: '2012-05-02T00:54:06.655Z',
    SignatureVersion: '1',
    Signature: '',
    SigningCertURL: 'https://sns.us-west-2.amazonaws.com/SimpleNotificationService-f3ecfb7224c7233fe7bb5f59f96de52f.pem',
    ...overrides,
  });

  const signed = (message: SnsMessage): SnsMessage => {
    const algorithm = message.SignatureVersion === '2' ? 'RSA-SHA256' : 'RSA-SHA1';
    return { ...message, Signature: createSign(algorithm).update(snsStringToSign(message)).sign(privateKey, 'base64') };
  };

  it('signs the fields in byte order, each as key, newline, value, newline; Subject only when present', () => {
    expect(snsStringToSign(notification())).toBe(
      'Message\nHello world!\nSecond line\nMessageId\n22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324\nSubject\nMy First Message\n' +
        'Timestamp\n2012-05-02T00:54:06.655Z\nTopicArn\narn:aws:sns:us-west-2:123456789012:MyTopic\nType\nNotification\n',
    );
    const { Subject: _subject, ...withoutSubject } = notification();
    expect(snsStringToSign(withoutSubject as SnsMessage)).not.toContain('Subject');
    const confirmation: SnsMessage = { ...notification(), Message: 'You have chosen to subscribe', Type: 'SubscriptionConfirmation', Subject: 'ignored', SubscribeURL: 'https://sns.us-west-2.amazonaws.com/?Action=ConfirmSubscription', Token: 't0k3n' };
    expect(snsStringToSign(confirmation).split('\n').filter((_, i) => i % 2 === 0)).toEqual(['Message', 'MessageId', 'SubscribeURL', 'Timestamp', 'Token', 'TopicArn', 'Type', '']);
  });

  it('verifies SignatureVersion 1 (SHA1withRSA) and 2 (SHA256withRSA) against the certificate', () => {
    expect(verifySnsSignature(signed(notification()), certificate)).toBe(true);
    expect(verifySnsSignature(signed(notification({ SignatureVersion: '2' })), certificate)).toBe(true);
  });

  it('refuses a changed field, another certificate, another signature version, or a signature that is not base64', () => {
    const good = signed(notification());
    expect(verifySnsSignature({ ...good, Message: 'Hello world!' }, certificate)).toBe(false);
    expect(verifySnsSignature({ ...good, TopicArn: 'arn:aws:sns:us-west-2:123456789012:Other' }, certificate)).toBe(false);
    expect(verifySnsSignature(good, otherCertificate)).toBe(false);
    expect(verifySnsSignature({ ...good, SignatureVersion: '2' }, certificate)).toBe(false);
    expect(verifySnsSignature({ ...good, SignatureVersion: '3' }, certificate)).toBe(false);
    expect(verifySnsSignature({ ...good, Signature: 'not base64!' }, certificate)).toBe(false);
  });

  it('fetches certificates only over https from an SNS host, and a test origin only when configured', () => {
    const cert = { testOrigin: null, certificate: true };
    expect(isSnsUrl('https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-abc.pem', cert)).toBe(true);
    expect(isSnsUrl('https://sns.cn-north-1.amazonaws.com.cn/SimpleNotificationService-abc.pem', cert)).toBe(true);
    expect(isSnsUrl('http://sns.eu-west-1.amazonaws.com/SimpleNotificationService-abc.pem', cert)).toBe(false);
    expect(isSnsUrl('https://s3.amazonaws.com/attacker/cert.pem', cert)).toBe(false);
    expect(isSnsUrl('https://sns.eu-west-1.amazonaws.com.attacker.example/cert.pem', cert)).toBe(false);
    expect(isSnsUrl('https://evil.sns.eu-west-1.amazonaws.com/cert.pem', cert)).toBe(false);
    expect(isSnsUrl('https://sns.eu-west-1.amazonaws.com:8443/cert.pem', cert)).toBe(false);
    expect(isSnsUrl('https://user:pw@sns.eu-west-1.amazonaws.com/cert.pem', cert)).toBe(false);
    expect(isSnsUrl('https://sns.eu-west-1.amazonaws.com/cert.txt', cert)).toBe(false);
    expect(isSnsUrl('not a url', cert)).toBe(false);
    expect(isSnsUrl('http://127.0.0.1:4567/cert.pem', cert)).toBe(false);
    expect(isSnsUrl('http://127.0.0.1:4567/cert.pem', { testOrigin: 'http://127.0.0.1:4567', certificate: true })).toBe(true);
    expect(isSnsUrl('http://127.0.0.1:4568/cert.pem', { testOrigin: 'http://127.0.0.1:4567', certificate: true })).toBe(false);
    // A subscription's confirmation URL is no certificate: it need not end .pem.
    expect(isSnsUrl('https://sns.eu-west-1.amazonaws.com/?Action=ConfirmSubscription&Token=x', { testOrigin: null, certificate: false })).toBe(true);
  });

  it('names what an SNS message lacks', () => {
    expect(parseSnsMessage([]).errors[0].field).toBe('body');
    expect(parseSnsMessage({ ...notification(), Type: 'Other' }).errors[0].field).toBe('Type');
    const { TopicArn: _topic, ...noTopic } = notification();
    expect(parseSnsMessage({ ...noTopic, Signature: 'x' }).errors).toEqual([{ field: 'TopicArn', message: 'TopicArn is required' }]);
    expect(parseSnsMessage({ ...notification(), Signature: 'x', Type: 'SubscriptionConfirmation' }).errors.map((e) => e.field)).toEqual(['SubscribeURL', 'Token']);
    expect(parseSnsMessage({ ...notification(), Signature: 'x' }).message).toBeDefined();
  });
});
