import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import type { NextFunction, Request, Response } from 'express';
import { TemplatesService } from '../mail/templates.service';
import { ConflictError, InvalidInputError, NotFoundError } from './domain-errors';
import { FieldError } from './field-errors';
import { isOutage } from './outages';

/** JSON for the API and for requests that sent or asked for JSON; a page for everyone else. */
export function wantsJson(req: Request): boolean {
  return req.path.startsWith('/api/') || req.path.startsWith('/webhooks/') || req.is('application/json') === 'application/json' || req.accepts(['html', 'json']) === 'json';
}

interface ErrorAnswer {
  status: number;
  title: string;
  message: string;
  errors?: FieldError[];
  /** Seconds, for a Retry-After header. */
  retryAfter?: number;
}

const TITLES: Record<number, string> = {
  400: 'Something is not right',
  401: 'Sign in required',
  403: 'Not allowed',
  404: 'Page not found',
  409: 'Already done',
  422: 'Cannot be done',
  413: 'Too much data',
  429: 'Too many requests',
  503: 'Try again in a minute',
};

/** What a reader or client is told while PostgreSQL or Redis is away: nothing was stored. */
const OUTAGE: ErrorAnswer = {
  status: 503,
  title: TITLES[503],
  message: 'We could not take your request just now, and nothing was saved. Please try again in a minute.',
  retryAfter: 30,
};

const NO_SUCH_PAGE = 'There is no page at this address. The link may be incomplete, or the page may have moved.';

/** Errors thrown by express's body parsers carry a `type` and a status. */
function bodyParserAnswer(error: { type?: string; status?: number }): ErrorAnswer | null {
  switch (error.type) {
    case 'entity.parse.failed':
      return { status: 400, title: TITLES[400], message: 'The request body is not valid JSON', errors: [{ field: 'body', message: 'The request body is not valid JSON' }] };
    case 'entity.too.deep':
      return { status: 400, title: TITLES[400], message: 'The request body nests too deeply', errors: [{ field: 'body', message: 'The request body nests too deeply' }] };
    case 'entity.too.large':
      return { status: 413, title: TITLES[413], message: 'The request body is too large', errors: [{ field: 'body', message: 'The request body is too large' }] };
    case 'charset.unsupported':
    case 'encoding.unsupported':
      return { status: 415, title: 'Unsupported encoding', message: 'Send the body as UTF-8', errors: [{ field: 'body', message: 'Send the body as UTF-8' }] };
    case 'parameters.too.many':
      return { status: 413, title: TITLES[413], message: 'Too many form fields', errors: [{ field: 'body', message: 'Too many form fields' }] };
    default:
      // The body parsers' other refusals (a body that does not decompress) carry no type.
      if (error.status === 400 && error.type === undefined && (/^Z_/.test(String((error as { code?: unknown }).code)) || BODY_ERRORS.test((error as Error).message ?? ''))) {
        return { status: 400, title: TITLES[400], message: 'The request body could not be read', errors: [{ field: 'body', message: 'The request body could not be decompressed' }] };
      }
      return null;
  }
}

// What zlib and raw-body say when a compressed body is not what its Content-Encoding claims (zlib's
// error codes are Z_DATA_ERROR and the like).
const BODY_ERRORS = /incorrect header check|Decompression failed|unexpected end of file|invalid (block type|stored block|distance)/i;

function answerFor(error: unknown): ErrorAnswer {
  const parsed = bodyParserAnswer(error as { type?: string });
  if (parsed) return parsed;
  if (isOutage(error)) return OUTAGE;
  if (error instanceof InvalidInputError) {
    const status = error.unprocessable ? 422 : 400;
    return { status, title: TITLES[status], message: error.message, errors: error.errors };
  }
  if (error instanceof NotFoundError) return { status: 404, title: TITLES[404], message: error.message };
  if (error instanceof ConflictError) return { status: 409, title: TITLES[409], message: error.message };
  if (error instanceof ThrottlerException) {
    return { status: 429, title: TITLES[429], message: 'Too many requests. Please wait a minute and try again.' };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const body = error.getResponse();
    const errors = (body as { errors?: FieldError[] }).errors;
    if (Array.isArray(errors)) {
      return { status, title: TITLES[status] ?? 'Something went wrong', message: errors.map((e) => e.message).join('. '), errors };
    }
    const message = typeof body === 'string' ? body : String((body as { message?: unknown }).message ?? error.message);
    // Express's words for a route it does not know ("Cannot GET /nope"), in a reader's.
    if (status === 404 && /^Cannot [A-Z]+ /.test(message)) return { status, title: TITLES[404], message: NO_SUCH_PAGE };
    return { status, title: TITLES[status] ?? 'Something went wrong', message: Array.isArray(message) ? message.join('. ') : message };
  }
  // csrf-csrf and other http-errors carry their own status and a message written for people.
  const httpError = error as { status?: number; expose?: boolean; message?: string };
  if (typeof httpError.status === 'number' && httpError.status >= 400 && httpError.status < 500 && httpError.expose) {
    return { status: httpError.status, title: TITLES[httpError.status] ?? 'Something went wrong', message: httpError.message ?? '' };
  }
  return { status: 500, title: 'Something went wrong', message: 'Something went wrong on our side. Please try again later.' };
}

/** The single place errors become responses; stack traces never leave the server. */
export function sendError(error: unknown, req: Request, res: Response, templates: TemplatesService, logger: Logger): void {
  const answer = answerFor(error);
  if (answer === OUTAGE) logger.warn(`Answered 503: ${(error as Error).message ?? error}`);
  else if (answer.status >= 500) logger.error(error instanceof Error ? error.stack ?? error.message : String(error));
  if (res.headersSent) return;
  res.status(answer.status);
  if (answer.retryAfter) res.set('Retry-After', String(answer.retryAfter));
  if (wantsJson(req)) {
    res.json(answer.errors ? { errors: answer.errors } : { statusCode: answer.status, message: answer.message });
  } else if (req.path.startsWith('/newsroom/') && (error as { code?: unknown }).code === 'EBADCSRFTOKEN') {
    // An editor's form, not a reader's: the newsroom's page, its navigation, and the way back to the form.
    const signingIn = req.path.startsWith('/newsroom/sign-in');
    res.type('html').send(
      templates.page('newsroom/form-expired', { title: 'This form has expired', newsroom: true, editor: signingIn ? undefined : {}, back: newsroomFormPage(req.path) }),
    );
  } else {
    res.type('html').send(templates.page('message', { title: answer.title, message: answer.message, link: { href: '/', text: 'Go to the sign-up page' } }));
  }
}

/** The newsroom page holding the form that posted to `path` (the Referer is not sent: Referrer-Policy is no-referrer). */
function newsroomFormPage(path: string): string {
  const edition = /^\/newsroom\/editions\/(\d{1,9})\//.exec(path);
  if (edition) return `/newsroom/editions/${edition[1]}`;
  if (path.startsWith('/newsroom/sign-in')) return '/newsroom/sign-in';
  if (/^\/newsroom\/compose\/[a-z0-9-]{1,64}$/.test(path) || path === '/newsroom/readers/import') return path;
  const section = /^\/newsroom\/(articles|readers|schedules|account)(\/|$)/.exec(path);
  return section ? `/newsroom/${section[1]}` : '/newsroom';
}

@Catch()
export class HttpErrorsFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpErrors');

  constructor(private readonly templates: TemplatesService) {}

  catch(error: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw error;
    const http = host.switchToHttp();
    sendError(error, http.getRequest<Request>(), http.getResponse<Response>(), this.templates, this.logger);
  }

  /** For errors raised by express middleware before Nest routes the request (body parsing, CSRF). */
  expressHandler() {
    return (error: unknown, req: Request, res: Response, next: NextFunction) => {
      if (!error) return next();
      sendError(error, req, res, this.templates, this.logger);
    };
  }
}

