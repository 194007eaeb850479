import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Injectable } from '@nestjs/common';
import { stringify } from 'csv-stringify';
import { InvalidInputError } from '../common/domain-errors';
import { NewslettersService } from '../newsletters/newsletters.service';
import { Audience } from '../readers/audience';
import { printable } from './import-file';

const PAGE = 5000;
const EXPORT_COLUMNS = ['email', 'job_sector', 'subscribed_at', 'confirmed_at'];
/** What a spreadsheet reads as the start of a formula (OWASP's "CSV injection" list). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A cell a spreadsheet shows as text: one that starts like a formula (`=cmd|'/c calc'!a0@example.com`
 * is a valid address) gets a leading `'`, as OWASP advises. The CSV's quoting alone does not stop it.
 */
export function spreadsheetSafe(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

/**
 * A newsletter's readers as CSV: everyone who receives it now (active, not suppressed), by id,
 * a page at a time (keyset), written as the output takes it, so memory stays flat.
 */
@Injectable()
export class ReadersExporter {
  constructor(
    private readonly audience: Audience,
    private readonly catalogue: NewslettersService,
  ) {}

  /** Writes the CSV to `output`; how many readers it listed. */
  async export(slug: string, output: Writable): Promise<number> {
    const newsletter = await this.catalogue.bySlug(slug);
    if (!newsletter) {
      const known = (await this.catalogue.list()).map((n) => n.slug).join(', ');
      throw new InvalidInputError([{ field: 'newsletter', message: `Newsletter: no newsletter "${printable(slug, 64)}" (${known})` }]);
    }
    const sectors = new Map((await this.catalogue.jobSectors()).map((sector) => [sector.id, sector.slug]));
    let count = 0;
    const audience = this.audience;
    async function* rows(): AsyncGenerator<string[]> {
      for (let after = 0; ; ) {
        const page = await audience.activeAfter(newsletter!.id, after, PAGE);
        for (const reader of page) {
          count += 1;
          yield [
            reader.email,
            reader.jobSectorId === null ? '' : (sectors.get(reader.jobSectorId) ?? ''),
            reader.subscribedAt.toISOString(),
            reader.confirmedAt?.toISOString() ?? '',
          ].map(spreadsheetSafe);
        }
        if (page.length < PAGE) return;
        after = page[page.length - 1].id;
      }
    }
    await pipeline(Readable.from(rows()), stringify({ header: true, columns: EXPORT_COLUMNS, record_delimiter: 'unix' }), output);
    return count;
  }
}
