import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ForbiddenException, Inject, Injectable } from '@nestjs/common';
import type { Request, RequestHandler, Response } from 'express';
import multer, { MulterError } from 'multer';
import { CsrfService } from '../common/csrf';
import { FieldErrorsException } from '../common/field-errors';
import { AppConfig, appConfig, ReadersImportConfig, readersImportConfig } from '../config/config';

export interface UploadedCsv {
  path: string;
  /** The name the editor's browser gave it. */
  name: string;
  size: number;
  discard(): Promise<void>;
}

const EXPIRED = 'This form has expired. Go back, reload the page and try again.';

/**
 * The import page's multipart form, read as it streams: its fields, and the file to a
 * temporary file of its own under VAR_DIR/uploads (never memory), up to IMPORT_UPLOAD_MAX_MB,
 * deleted once imported. The CSRF token is
 * checked when the file starts, so a forged form writes nothing to disk (the form sends its
 * token before the file), and again once every field is in, for a form without a file.
 */
@Injectable()
export class ImportUpload {
  private readonly upload: RequestHandler;

  constructor(
    @Inject(readersImportConfig.KEY) private readonly config: ReadersImportConfig,
    @Inject(appConfig.KEY) app: AppConfig,
    private readonly csrf: CsrfService,
  ) {
    // Readers' addresses wait here while they are imported: a directory only the service can read.
    const uploads = resolve(app.varDir, 'uploads');
    this.upload = multer({
      storage: multer.diskStorage({
        destination: (_req, _file, done) => {
          try {
            mkdirSync(uploads, { recursive: true, mode: 0o700 });
            done(null, uploads);
          } catch (error) {
            done(error as Error, uploads);
          }
        },
        filename: (_req, _file, done) => done(null, `nl-readers-import-${randomBytes(12).toString('hex')}.csv`),
      }),
      limits: { fileSize: config.uploadMaxBytes, files: 1, fields: 10, fieldSize: 4096, parts: 12 },
      fileFilter: (req, _file, done) => (this.csrf.validRequest(req) ? done(null, true) : done(new ForbiddenException(EXPIRED))),
    }).single('file');
  }

  get maxMegabytes(): number {
    return Math.round(this.config.uploadMaxBytes / (1024 * 1024));
  }

  /** The form's fields in `req.body`, and its file; a refusal (403, or field errors) leaves nothing behind. */
  async receive(req: Request, res: Response): Promise<UploadedCsv | null> {
    await new Promise<void>((resolve, reject) => this.upload(req, res, (error?: unknown) => (error ? reject(this.refusal(error)) : resolve())));
    const file = req.file;
    const upload = file ? { path: file.path, name: file.originalname, size: file.size, discard: () => rm(file.path, { force: true }) } : null;
    if (!this.csrf.validRequest(req)) {
      await upload?.discard();
      throw new ForbiddenException(EXPIRED);
    }
    return upload;
  }

  private refusal(error: unknown): unknown {
    if (!(error instanceof MulterError)) return error;
    const message =
      error.code === 'LIMIT_FILE_SIZE'
        ? `File: larger than ${this.maxMegabytes} MB; split it, or import it with npm run cli -- readers:import, which has no limit`
        : error.code === 'LIMIT_UNEXPECTED_FILE' || error.code === 'LIMIT_FILE_COUNT'
          ? 'File: send one CSV file, in the file field'
          : 'File: the form could not be read; reload the page and try again';
    return Object.assign(new FieldErrorsException([{ field: 'file', message }]), { tooLarge: error.code === 'LIMIT_FILE_SIZE' });
  }
}
