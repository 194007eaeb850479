import { Logger, NotFoundException } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import { TemplatesService } from '../mail/templates.service';
import { FieldErrorsException } from './field-errors';
import { sendError } from './http-errors';

function fakeExchange(json: boolean) {
  const req = {
    path: json ? '/api/editions/1' : '/subscribe',
    is: () => false,
    accepts: () => (json ? 'json' : 'html'),
  } as unknown as Request;
  const sent: { status?: number; body?: unknown; type?: string } = {};
  const res = {
    headersSent: false,
    status(code: number) {
      sent.status = code;
      return this;
    },
    json(body: unknown) {
      sent.body = body;
      return this;
    },
    type(type: string) {
      sent.type = type;
      return this;
    },
    send(body: unknown) {
      sent.body = body;
      return this;
    },
  } as unknown as Response;
  return { req, res, sent };
}

describe('sendError', () => {
  const templates = new TemplatesService();
  const logger = { error: jest.fn() } as unknown as Logger;

  it('answers an unexpected error with a generic 500 and no stack trace, logging it', () => {
    for (const json of [true, false]) {
      const { req, res, sent } = fakeExchange(json);
      const error = new Error('connection to db at 10.0.0.5 refused');
      sendError(error, req, res, templates, logger);
      expect(sent.status).toBe(500);
      const body = JSON.stringify(sent.body);
      expect(body).not.toContain('10.0.0.5');
      expect(body).not.toMatch(/at \w+ \(|\.ts:\d+/);
      expect(body).toContain('Something went wrong');
    }
    expect(logger.error).toHaveBeenCalledWith(expect.stringContaining('10.0.0.5'));
  });

  it('names the fields of a 400 for JSON clients', () => {
    const { req, res, sent } = fakeExchange(true);
    sendError(new FieldErrorsException([{ field: 'email', message: 'Enter your email address' }]), req, res, templates, logger);
    expect(sent).toMatchObject({ status: 400, body: { errors: [{ field: 'email', message: 'Enter your email address' }] } });
  });

  it('maps body-parser failures to 400 and 413 naming the body', () => {
    const malformed = fakeExchange(true);
    sendError(Object.assign(new SyntaxError('Unexpected end'), { type: 'entity.parse.failed', status: 400 }), malformed.req, malformed.res, templates, logger);
    expect(malformed.sent).toMatchObject({ status: 400, body: { errors: [{ field: 'body' }] } });
    const large = fakeExchange(false);
    sendError(Object.assign(new Error('too large'), { type: 'entity.too.large', status: 413 }), large.req, large.res, templates, logger);
    expect(large.sent.status).toBe(413);
    expect(large.sent.type).toBe('html');
  });

  it('gives a generic 429 and renders pages for people', () => {
    const limited = fakeExchange(true);
    sendError(new ThrottlerException(), limited.req, limited.res, templates, logger);
    expect(limited.sent).toMatchObject({ status: 429, body: { message: 'Too many requests. Please wait a minute and try again.' } });
    const missing = fakeExchange(false);
    sendError(new NotFoundException(), missing.req, missing.res, templates, logger);
    expect(missing.sent.status).toBe(404);
    expect(String(missing.sent.body)).toContain('<h1>Page not found</h1>');
  });

  it("says an unknown address's 404 in a reader's words, not Express's", () => {
    const page = fakeExchange(false);
    sendError(new NotFoundException('Cannot GET /nope'), page.req, page.res, templates, logger);
    expect(page.sent.status).toBe(404);
    expect(String(page.sent.body)).toContain('There is no page at this address');
    expect(String(page.sent.body)).not.toContain('Cannot GET');
  });
});
