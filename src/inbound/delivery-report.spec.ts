import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readDeliveryReport } from './delivery-report';

const postfixNotice = (name: string) => readFileSync(join(__dirname, '..', '..', 'test', 'fixtures', 'postfix', name));

const crlf = (lines: string[]) => Buffer.from(lines.join('\r\n'), 'latin1');

/** As Postfix's bounce daemon writes one (bounce_notify_service), with the original's headers. */
function postfixBounce(options: { action: string; status: string; diagnostic: string; returned?: 'message' | 'headers-base64' }): Buffer {
  const original = ['Return-Path: <bounces+abcdefg@newstatesman.test>', 'Message-ID: <orig123@newstatesman.test>', 'Subject: Morning Call', 'To: reader@example.com'];
  const returned =
    options.returned === 'headers-base64'
      ? ['Content-Description: Undelivered Message Headers', 'Content-Type: text/rfc822-headers', 'Content-Transfer-Encoding: base64', '', Buffer.from(original.join('\r\n') + '\r\n').toString('base64')]
      : ['Content-Description: Undelivered Message', 'Content-Type: message/rfc822', '', ...original, '', 'The digest itself.'];
  return crlf([
    'Return-Path: <>',
    'Received: by mx.relay.test (Postfix) id 4Zx1; Fri,  1 Dec 2023 10:00:05 +0000 (UTC)',
    'Date: Fri,  1 Dec 2023 10:00:05 +0000 (UTC)',
    'From: MAILER-DAEMON@mx.relay.test (Mail Delivery System)',
    'Subject: Undelivered Mail Returned to Sender',
    'To: bounces+abcdefg@newstatesman.test',
    'Auto-Submitted: auto-replied',
    'MIME-Version: 1.0',
    'Content-Type: multipart/report; report-type=delivery-status;',
    '\tboundary="4Zx1.1701424805/mx.relay.test"',
    'Content-Transfer-Encoding: 8bit',
    'Message-Id: <20231201100005.4Zx1@mx.relay.test>',
    '',
    'This is a MIME-encapsulated message.',
    '',
    '--4Zx1.1701424805/mx.relay.test',
    'Content-Description: Notification',
    'Content-Type: text/plain; charset=us-ascii',
    '',
    'I\'m sorry to have to inform you that your message could not',
    'be delivered to one or more recipients.',
    '',
    '--4Zx1.1701424805/mx.relay.test',
    'Content-Description: Delivery report',
    'Content-Type: message/delivery-status',
    '',
    'Reporting-MTA: dns; mx.relay.test',
    'X-Postfix-Queue-ID: 4Zx1',
    'X-Postfix-Sender: rfc822; bounces+abcdefg@newstatesman.test',
    'Arrival-Date: Fri,  1 Dec 2023 10:00:00 +0000 (UTC)',
    '',
    'Final-Recipient: rfc822; reader@example.com',
    'Original-Recipient: rfc822;reader@example.com',
    `Action: ${options.action}`,
    `Status: ${options.status}`,
    'Remote-MTA: dns; mx.example.com',
    // Folded at a space, as Postfix folds a long diagnostic.
    `Diagnostic-Code: smtp; ${options.diagnostic.slice(0, options.diagnostic.indexOf(' ', 30))}`,
    `    ${options.diagnostic.slice(options.diagnostic.indexOf(' ', 30) + 1)}`,
    '',
    '--4Zx1.1701424805/mx.relay.test',
    ...returned,
    '',
    '--4Zx1.1701424805/mx.relay.test--',
    '',
  ]);
}

describe('readDeliveryReport', () => {
  it('reads a Postfix bounce: failed and 5.x.x is a hard bounce, with the original Message-ID', () => {
    const report = readDeliveryReport(
      postfixBounce({ action: 'failed', status: '5.1.1', diagnostic: '550 5.1.1 <reader@example.com>: Recipient address rejected: User unknown' }),
    );
    expect(report).toEqual({
      format: 'dsn',
      type: 'hard-bounce',
      reportId: '<20231201100005.4Zx1@mx.relay.test>',
      occurredAt: new Date('2023-12-01T10:00:00Z'),
      originalMessageId: '<orig123@newstatesman.test>',
      envelopeSenders: ['bounces+abcdefg@newstatesman.test', 'bounces+abcdefg@newstatesman.test'],
      detail: {
        action: 'failed',
        status: '5.1.1',
        diagnosticCode: 'smtp; 550 5.1.1 <reader@example.com>: Recipient address rejected: User unknown',
        remoteMta: 'dns; mx.example.com',
        reportingMta: 'dns; mx.relay.test',
      },
    });
  });

  it('counts a failure with a 4.x.x status (an MTA gave up retrying) as a soft bounce, and a delay as no bounce at all', () => {
    expect(readDeliveryReport(postfixBounce({ action: 'failed', status: '4.2.2', diagnostic: '452 4.2.2 Mailbox full, gave up after 5 days' }))?.type).toBe('soft-bounce');
    expect(readDeliveryReport(postfixBounce({ action: 'delayed', status: '4.4.1', diagnostic: 'connect to mx.example.com: Connection timed out' }))?.type).toBe('delayed');
  });

  describe("Postfix 3.7's own notices (test/fixtures/postfix/)", () => {
    it('reads its "still being retried" notice as a delay, not a bounce', () => {
      const report = readDeliveryReport(postfixNotice('delayed.eml'));
      expect(report).toEqual({
        format: 'dsn',
        type: 'delayed',
        reportId: expect.stringMatching(/^<\d{14}\.\w+@mx\.relay\.test>$/),
        occurredAt: expect.any(Date),
        originalMessageId: '<delayedcopyaaaaaaaaaaaaaaa@newstatesman.test>',
        envelopeSenders: [`bounces+${'a'.repeat(31)}@newstatesman.test`, `bounces+${'a'.repeat(31)}@newstatesman.test`],
        detail: {
          action: 'delayed',
          status: '4.2.1',
          diagnosticCode: expect.stringMatching(/^smtp; 451 4\.2\.1 <delayed@example\.com>: Mailbox temporarily unavailable/),
          remoteMta: 'dns; 127.0.0.1',
          reportingMta: 'dns; mx.relay.test',
        },
      });
    });

    it('reads its bounce of a 550 as a hard bounce', () => {
      const report = readDeliveryReport(postfixNotice('failed.eml'));
      expect(report).toMatchObject({
        format: 'dsn',
        type: 'hard-bounce',
        originalMessageId: '<failedcopyaaaaaaaaaaaaaaaa@newstatesman.test>',
        detail: { action: 'failed', status: '5.1.1' },
      });
    });

    it('reads its bounce after the queue lifetime ran out (failed, 4.x.x) as a soft bounce', () => {
      const report = readDeliveryReport(postfixNotice('expired.eml'));
      expect(report).toMatchObject({
        format: 'dsn',
        type: 'soft-bounce',
        originalMessageId: '<delayedcopyaaaaaaaaaaaaaaa@newstatesman.test>',
        detail: { action: 'failed', status: '4.2.1' },
      });
    });
  });

  it('asks nothing of a success notice', () => {
    const report = readDeliveryReport(postfixBounce({ action: 'delivered', status: '2.0.0', diagnostic: '250 2.0.0 Ok: queued as 1234 on the far side' }));
    expect(report?.format).toBe('dsn');
    expect(report?.type).toBeNull();
  });

  it('finds the original Message-ID in base64 text/rfc822-headers', () => {
    const report = readDeliveryReport(postfixBounce({ action: 'failed', status: '5.7.1', diagnostic: '550 5.7.1 Message rejected as spam by policy here', returned: 'headers-base64' }));
    expect(report?.originalMessageId).toBe('<orig123@newstatesman.test>');
    expect(report?.type).toBe('hard-bounce');
  });

  it('reads the ARF example of RFC 5965 as a complaint', () => {
    const report = readDeliveryReport(
      crlf([
        'From: <abusedesk@example.com>',
        'Date: Thu, 8 Mar 2005 17:40:36 EDT',
        'Subject: FW: Earn money',
        'To: <abuse@example.net>',
        'Message-ID: <arf-1@example.com>',
        'MIME-Version: 1.0',
        'Content-Type: multipart/report; report-type=feedback-report;',
        '     boundary="part1_13d.2e68ed54_boundary"',
        '',
        '--part1_13d.2e68ed54_boundary',
        'Content-Type: text/plain; charset="US-ASCII"',
        'Content-Transfer-Encoding: 7bit',
        '',
        'This is an email abuse report for an email message received from IP',
        '192.0.2.1 on Thu, 8 Mar 2005 14:00:00 EDT.',
        '',
        '--part1_13d.2e68ed54_boundary',
        'Content-Type: message/feedback-report',
        '',
        'Feedback-Type: abuse',
        'User-Agent: SomeGenerator/1.0',
        'Version: 1',
        'Original-Mail-From: <bounces+abcdefg@newstatesman.test>',
        'Original-Rcpt-To: <user@example.com>',
        'Arrival-Date: Thu, 8 Mar 2005 14:00:00 EDT',
        'Reporting-MTA: dns; mail.example.com',
        'Source-IP: 192.0.2.1',
        '',
        '--part1_13d.2e68ed54_boundary',
        'Content-Type: message/rfc822',
        'Content-Disposition: inline',
        '',
        'From: <newsletters@newstatesman.test>',
        'Received: from mailserver.example.net (mailserver.example.net [192.0.2.1])',
        '        by example.com with ESMTP id M63d4137594e46;',
        '        Thu, 08 Mar 2005 14:00:00 -0400',
        'To: <Undisclosed Recipients>',
        'Subject: Earn money',
        'MIME-Version: 1.0',
        'Content-type: text/plain',
        'Message-ID: <8787KJKJ3K4J3K4J3K4J3.mail@newstatesman.test>',
        'Date: Thu, 02 Sep 2004 12:31:03 -0500',
        '',
        'Spam Spam Spam',
        '--part1_13d.2e68ed54_boundary--',
        '',
      ]),
    );
    expect(report).toMatchObject({
      format: 'arf',
      type: 'complaint',
      reportId: '<arf-1@example.com>',
      originalMessageId: '<8787KJKJ3K4J3K4J3K4J3.mail@newstatesman.test>',
      envelopeSenders: ['bounces+abcdefg@newstatesman.test'],
      detail: { feedbackType: 'abuse', userAgent: 'SomeGenerator/1.0', reportingMta: 'dns; mail.example.com' },
    });
  });

  it('ignores anything that is not a report: an out-of-office reply, a plain message, a broken one', () => {
    expect(readDeliveryReport(crlf(['From: reader@example.com', 'Subject: Out of office', 'Auto-Submitted: auto-replied', '', 'Back on Monday.']))).toBeNull();
    expect(readDeliveryReport(crlf(['Content-Type: multipart/report; report-type=delivery-status; boundary=x', '', 'no parts at all']))).toBeNull();
    expect(readDeliveryReport(Buffer.from(''))).toBeNull();
  });
});
