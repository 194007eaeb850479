import { createReadStream, statSync } from 'node:fs';
import { SingleBar } from 'cli-progress';
import { Command, CommandRunner, Option } from 'nest-commander';
import { fieldErrorsOf } from '../common/field-errors';
import { reportText } from '../readers-import/import-report';
import { ImportFileError } from '../readers-import/import-file';
import { ImportFailed, ReadersImporter } from '../readers-import/readers-importer';
import { ReadersExporter } from '../readers-import/readers-exporter';

interface ImportOptions {
  newsletter?: string;
  consent?: string;
  confirmed?: boolean;
  sendConfirmation?: boolean;
  dryRun?: boolean;
  json?: boolean;
}

/**
 * `npm run cli -- readers:import <file.csv> --newsletter <slug> --consent "<basis>"
 * (--confirmed | --send-confirmation) [--dry-run]`: the report on stdout, the progress bar on
 * stderr. Exit 1 when nothing could be imported (a bad option, an unreadable file or header) or
 * the file was not read to its end; invalid lines are reported, and do not fail the run.
 */
@Command({
  name: 'readers:import',
  arguments: '<file>',
  description: 'Import readers from a CSV file (email, job_sector, consented_at, source) into a newsletter; never re-subscribes anyone who left, was suppressed or erased',
})
export class ReadersImportCommand extends CommandRunner {
  constructor(private readonly importer: ReadersImporter) {
    super();
  }

  @Option({ flags: '--newsletter <slug>', description: 'the newsletter to import into' })
  newsletter(value: string): string {
    return value;
  }

  @Option({ flags: '--consent <basis>', description: 'how these readers gave their consent, recorded in the consent ledger with every one of them' })
  consent(value: string): string {
    return value;
  }

  @Option({ flags: '--confirmed', description: 'readers become active at once, on the stated consent' })
  confirmed(): boolean {
    return true;
  }

  @Option({ flags: '--send-confirmation', description: 'readers are pending until they confirm by the email each is sent' })
  sendConfirmation(): boolean {
    return true;
  }

  @Option({ flags: '--dry-run', description: 'write nothing; report what the import would do' })
  dryRun(): boolean {
    return true;
  }

  @Option({ flags: '--json', description: 'print the report as JSON' })
  json(): boolean {
    return true;
  }

  async run([path]: string[], options: ImportOptions): Promise<void> {
    const fail = (message: string) => {
      process.stderr.write(`${message}\n`);
      process.exitCode = 1;
    };
    let size: number;
    try {
      const stat = statSync(path);
      if (!stat.isFile()) return fail(`${path} is not a file`);
      size = stat.size;
    } catch {
      return fail(`Cannot read ${path}: no such file`);
    }
    if (options.confirmed && options.sendConfirmation) return fail('--mode: give --confirmed or --send-confirmation, not both');
    let plan;
    try {
      plan = await this.importer.plan({
        fileName: path,
        newsletter: options.newsletter,
        consent: options.consent,
        mode: options.confirmed ? 'confirmed' : options.sendConfirmation ? 'send-confirmation' : undefined,
        dryRun: options.dryRun === true,
        editorId: null,
      });
    } catch (error) {
      const errors = fieldErrorsOf(error);
      if (!errors) throw error;
      const flags: Record<string, string> = { newsletter: '--newsletter', consent: '--consent', mode: '--confirmed | --send-confirmation', file: '<file>' };
      return fail(`Nothing was imported:\n${errors.map((e) => `  ${flags[e.field] ?? e.field}: ${e.message}`).join('\n')}`);
    }

    const bar = new SingleBar({
      format: ' {bar} {percentage}% | {lines} lines | {rate} lines/s | ETA {eta_formatted}',
      stream: process.stderr,
      noTTYOutput: false,
      hideCursor: true,
    });
    const started = Date.now();
    bar.start(Math.max(size, 1), 0, { lines: 0, rate: 0 });
    try {
      const report = await this.importer.run(createReadStream(path), plan, ({ bytes, lines }) =>
        bar.update(bytes, { lines: lines.toLocaleString('en-GB'), rate: Math.round(lines / Math.max((Date.now() - started) / 1000, 0.001)).toLocaleString('en-GB') }),
      );
      bar.stop();
      process.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : reportText(report));
      if (!report.complete) process.exitCode = 1;
    } catch (error) {
      bar.stop();
      if (error instanceof ImportFileError) return fail(`Nothing was imported: ${error.message}`);
      if (error instanceof ImportFailed) {
        process.stdout.write(options.json ? `${JSON.stringify(error.report, null, 2)}\n` : reportText(error.report));
        return fail(error.message);
      }
      throw error;
    }
  }
}

/** `npm run cli -- readers:export --newsletter <slug>`: its active readers as CSV on stdout. */
@Command({ name: 'readers:export', description: "Write a newsletter's active readers as CSV to stdout (email, job_sector, subscribed_at, confirmed_at)" })
export class ReadersExportCommand extends CommandRunner {
  constructor(private readonly exporter: ReadersExporter) {
    super();
  }

  @Option({ flags: '--newsletter <slug>', description: 'the newsletter whose readers to list' })
  newsletter(value: string): string {
    return value;
  }

  async run(_args: string[], options: { newsletter?: string }): Promise<void> {
    if (!options.newsletter) {
      process.stderr.write('--newsletter: say which newsletter, e.g. --newsletter morning-call\n');
      process.exitCode = 1;
      return;
    }
    try {
      const count = await this.exporter.export(options.newsletter, process.stdout);
      process.stderr.write(`Exported ${count.toLocaleString('en-GB')} active readers of ${options.newsletter}\n`);
    } catch (error) {
      const errors = fieldErrorsOf(error);
      if (!errors) throw error;
      process.stderr.write(`${errors.map((e) => `--${e.field}: ${e.message}`).join('\n')}\n`);
      process.exitCode = 1;
    }
  }
}
