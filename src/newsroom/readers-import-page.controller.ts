import { createReadStream } from 'node:fs';
import { MinRole } from '../editors/editor-roles';
import { Audited } from '../editors/audit.interceptor';
import { Controller, Get, HttpCode, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { CsrfService } from '../common/csrf';
import { FieldError, FieldErrorsException, fieldErrorsOf } from '../common/field-errors';
import { NewslettersService } from '../newsletters/newsletters.service';
import { ImportFileError, IMPORT_COLUMNS } from '../readers-import/import-file';
import { ImportReport, reportFigures } from '../readers-import/import-report';
import { ReadersImporter } from '../readers-import/readers-importer';
import { ImportUpload, UploadedCsv } from './import-upload';
import { NewsroomPages } from './newsroom-pages';
import { NewsroomRequest, NewsroomSessionGuard } from './newsroom-session';

interface ImportForm {
  newsletter?: unknown;
  consent?: unknown;
  mode?: unknown;
  dryRun?: unknown;
}

/** Readers from a CSV file: the upload form, and the import's report. */
@ApiExcludeController()
@MinRole('editor')
@UseGuards(NewsroomSessionGuard)
@Controller('newsroom/readers/import')
export class ReadersImportPageController {
  constructor(
    private readonly importer: ReadersImporter,
    private readonly upload: ImportUpload,
    private readonly newsletters: NewslettersService,
    private readonly pages: NewsroomPages,
    private readonly csrf: CsrfService,
  ) {}

  @Get()
  show(@Req() req: NewsroomRequest, @Res({ passthrough: true }) res: Response): Promise<string> {
    return this.page(req, res, {});
  }

  /** The report at 200; or the form again, at 400 (413 for a file over the limit), with nothing imported. */
  @Audited('readers.import')
  @Post()
  @HttpCode(200)
  async import(@Req() req: NewsroomRequest, @Res({ passthrough: true }) res: Response): Promise<string> {
    let file: UploadedCsv | null = null;
    const form = () => (req.body ?? {}) as ImportForm;
    try {
      file = await this.upload.receive(req, res);
      const plan = await this.importer.plan({
        fileName: file?.name ?? '',
        newsletter: form().newsletter,
        consent: form().consent,
        mode: form().mode,
        dryRun: form().dryRun === 'yes',
        editorId: req.editor!.id,
      });
      if (!file) throw new FieldErrorsException([{ field: 'file', message: 'File: choose a CSV file' }]);
      const report = await this.importer.run(createReadStream(file.path), plan);
      return this.page(req, res, { report });
    } catch (error) {
      const errors: FieldError[] | null =
        fieldErrorsOf(error) ?? (error instanceof ImportFileError ? [{ field: 'file', message: `File: ${error.message}` }] : null);
      if (!errors) throw error;
      res.status((error as { tooLarge?: boolean }).tooLarge ? 413 : 400);
      return this.page(req, res, { errors, form: form() });
    } finally {
      await file?.discard();
    }
  }

  private async page(req: NewsroomRequest, res: Response, view: { report?: ImportReport; errors?: FieldError[]; form?: ImportForm }): Promise<string> {
    const form = view.form ?? {};
    const text = (value: unknown) => (typeof value === 'string' ? value : '');
    const chosen = text(form.newsletter);
    const newsletters = (await this.newsletters.list()).map((n) => ({ slug: n.slug, name: n.name, selected: n.slug === chosen }));
    const report = view.report && {
      ...view.report,
      figures: reportFigures(view.report).map(([label, count]) => ({ label, count: count.toLocaleString('en-GB') })),
      lines: view.report.lines.toLocaleString('en-GB'),
      seconds: view.report.seconds.toFixed(1),
      newsletterName: newsletters.find((n) => n.slug === view.report!.newsletter)?.name ?? view.report.newsletter,
      invalidCut: view.report.invalid > view.report.invalidLines.length,
      duplicatesCut: view.report.duplicates > view.report.duplicateLines.length,
    };
    res.type('html');
    return this.pages.render('readers-import', {
      title: report ? 'Import report' : 'Import readers',
      section: 'readers',
      editor: req.editor,
      csrfToken: this.csrf.token(req, res),
      newsletters,
      columns: IMPORT_COLUMNS.join(','),
      maxMegabytes: this.upload.maxMegabytes,
      consent: text(form.consent),
      confirmed: form.mode === 'confirmed',
      sendConfirmation: form.mode === 'send-confirmation',
      dryRun: form.dryRun === 'yes',
      report,
      errors: Object.fromEntries((view.errors ?? []).map((e) => [e.field, e.message])),
      errorList: view.errors ?? [],
    });
  }
}
