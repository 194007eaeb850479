import { classifySmtpError, retryDelayMs } from './smtp-outcome';

describe('classifySmtpError', () => {
  it('fails and suppresses a recipient the server refuses with a 5xx', () => {
    expect(classifySmtpError({ responseCode: 550, response: '550 5.1.1 No such user', command: 'RCPT TO' })).toEqual({
      kind: 'failed',
      code: 550,
      error: '550 5.1.1 No such user',
      suppress: true,
    });
  });

  it('fails but does not blame the reader when our sender is refused', () => {
    expect(classifySmtpError({ responseCode: 553, response: '553 sender not allowed', command: 'MAIL FROM' })).toMatchObject({
      kind: 'failed',
      suppress: false,
    });
  });

  it('retries a 4xx', () => {
    expect(classifySmtpError({ responseCode: 451, response: '451 4.7.1 Try again later', command: 'RCPT TO' })).toEqual({
      kind: 'retry',
      code: 451,
      error: '451 4.7.1 Try again later',
      maybeAccepted: false,
    });
  });

  it.each(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'ECONNRESET'])('retries a connection failure (%s)', (code) => {
    expect(classifySmtpError(Object.assign(new Error('Connection closed unexpectedly'), { code }))).toEqual({
      kind: 'retry',
      code: null,
      error: `${code}: Connection closed unexpectedly`,
      maybeAccepted: false,
    });
  });

  it('says when a dropped connection may have left the message with the relay', () => {
    const dropped = Object.assign(new Error('Connection closed unexpectedly'), { code: 'ECONNECTION', maybeAccepted: true });
    expect(classifySmtpError(dropped)).toMatchObject({ kind: 'retry', maybeAccepted: true });
    // A reply, even a 4xx, says for certain that the message was not taken.
    expect(classifySmtpError({ responseCode: 421, response: '421 closing', maybeAccepted: true })).toMatchObject({ kind: 'retry', maybeAccepted: false });
  });
});

describe('retryDelayMs', () => {
  it('doubles from the base and stops at an hour', () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, 1000))).toEqual([1000, 2000, 4000, 8000]);
    expect(retryDelayMs(30, 30_000)).toBe(3_600_000);
  });
});
