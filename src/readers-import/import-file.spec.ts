import { Readable } from 'node:stream';
import { ImportFile, ImportFileError, ImportLine, isoDate } from './import-file';
import { SeenAddresses } from './seen-addresses';

const SECTORS = [
  { id: 1, slug: 'arts-and-culture', label: 'Arts and Culture' },
  { id: 2, slug: 'ohs-risk-management', label: 'OH&S, Risk Management' },
];
const NOW = () => new Date('2025-06-01T12:00:00Z');

async function read(text: string | Buffer, consentDateRequired = false, chunk = 7): Promise<ImportLine[]> {
  const bytes = Buffer.isBuffer(text) ? text : Buffer.from(text);
  // Small chunks, so records and the byte-order mark straddle them.
  const chunks: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += chunk) chunks.push(bytes.subarray(at, at + chunk));
  const lines: ImportLine[] = [];
  for await (const run of new ImportFile(SECTORS, { consentDateRequired, now: NOW }).lines(Readable.from(chunks))) lines.push(...run);
  return lines;
}

describe('ImportFile', () => {
  it('reads a header in any order, a BOM, quoted commas and CRLF, with the line each record starts on', async () => {
    const lines = await read(
      '\ufeffSource,email,job_sector,consented_at\r\n' +
        '"Conference, 2024", Ann@Example.com ,"OH&S, Risk Management",2024-03-01\r\n' +
        '\r\n' +
        'web,bob@example.com,arts-and-culture,2024-03-01T09:30:00+01:00\r\n' +
        ',carol@example.com,,\r\n',
    );
    expect(lines).toEqual([
      { row: { line: 2, email: 'ann@example.com', jobSectorId: 2, jobSectorSlug: 'ohs-risk-management', consentedAt: '2024-03-01T00:00:00.000Z', source: 'Conference, 2024' } },
      { row: { line: 4, email: 'bob@example.com', jobSectorId: 1, jobSectorSlug: 'arts-and-culture', consentedAt: '2024-03-01T08:30:00.000Z', source: 'web' } },
      { row: { line: 5, email: 'carol@example.com', jobSectorId: null, jobSectorSlug: null, consentedAt: null, source: null } },
    ]);
  });

  it('names the column and the reason for each bad line, and keeps counting lines through quoted line breaks', async () => {
    const lines = await read(
      'email,job_sector,consented_at,source\n' +
        'not-an-address,,,\n' +
        '"a@b.com\r\nBcc: x@evil.com",,,\n' +
        'ok@example.com,Plumbing,,\n' +
        'ok@example.com,,2024-02-30,\n' +
        'ok@example.com,,2999-01-01,\n' +
        'ok@example.com,,01/03/2024,\n' +
        'short,row\n' +
        'a@b.com\n' +
        `ok@example.com,,,"${'x'.repeat(201)}"\n` +
        'last@example.com,,,\n',
    );
    expect(lines.map((l) => l.invalid ?? l.row.line)).toEqual([
      { line: 2, field: 'email', message: 'not a valid address, like name@example.com' },
      { line: 3, field: 'email', message: 'not a valid address, like name@example.com' },
      { line: 5, field: 'job_sector', message: expect.stringContaining('unknown job sector "Plumbing"') },
      { line: 6, field: 'consented_at', message: expect.stringContaining('not an ISO 8601 date') },
      { line: 7, field: 'consented_at', message: 'in the future' },
      { line: 8, field: 'consented_at', message: expect.stringContaining('not an ISO 8601 date') },
      { line: 9, field: 'line', message: '2 fields where the header names 4' },
      { line: 10, field: 'line', message: '1 field where the header names 4' },
      { line: 11, field: 'source', message: 'longer than 200 characters' },
      12,
    ]);
  });

  it('says where a quote is never closed', async () => {
    const lines = await read('email\r\nfirst@example.com\r\n"open@example.com\r\nrest@example.com\r\n');
    expect(lines).toEqual([
      { row: expect.objectContaining({ line: 2, email: 'first@example.com' }) },
      { invalid: { line: 3, field: 'line', message: expect.stringContaining('never closed') }, fatal: false },
    ]);
  });

  it('stops at a record too long to be one, saying so, with what came before it read', async () => {
    const lines = await read(`email\nfirst@example.com\n"${'x'.repeat(70 * 1024)}\nlast@example.com\n`, false, 4096);
    expect(lines).toEqual([
      { row: expect.objectContaining({ line: 2, email: 'first@example.com' }) },
      { invalid: { line: 3, field: 'line', message: expect.stringContaining('the import stopped here') }, fatal: true },
    ]);
  });

  it('requires consent dates for confirmed imports', async () => {
    await expect(read('email,source\nann@example.com,web\n', true)).rejects.toThrow(/no consented_at column/);
    const lines = await read('email,consented_at\nann@example.com,\n', true);
    expect(lines[0].invalid).toEqual({ line: 2, field: 'consented_at', message: expect.stringContaining('no date') });
  });

  it('refuses a file without a usable header, naming what is wrong', async () => {
    await expect(read('')).rejects.toThrow(ImportFileError);
    await expect(read('\n\n')).rejects.toThrow(/empty/);
    await expect(read('mail,job_sector\n')).rejects.toThrow(/unknown column, "mail"/);
    await expect(read('email,email\n')).rejects.toThrow(/email twice/);
    await expect(read('job_sector,source\n')).rejects.toThrow(/no email column/);
  });
});

describe('isoDate', () => {
  it('takes calendar dates and zoned times, and nothing else', () => {
    expect(isoDate('2024-02-29')?.toISOString()).toBe('2024-02-29T00:00:00.000Z');
    expect(isoDate('2024-03-01T09:30:00Z')?.toISOString()).toBe('2024-03-01T09:30:00.000Z');
    expect(isoDate('2024-03-01T09:30:00.5-05:00')?.toISOString()).toBe('2024-03-01T14:30:00.500Z');
    for (const bad of ['2023-02-29', '2024-13-01', '2024-03-01T25:00:00Z', '2024-03-01T09:30:00', '1 March 2024', '2024-3-1', ' ']) expect(isoDate(bad)).toBeNull();
  });
});

describe('SeenAddresses', () => {
  it('tells a repeat from a first sighting, with the first line, across growth', () => {
    const seen = new SeenAddresses(4);
    for (let i = 0; i < 5000; i += 1) expect(seen.add(`reader${i}@example.com`, i + 2)).toBeNull();
    expect(seen.size).toBe(5000);
    expect(seen.add('reader0@example.com', 9000)).toBe(2);
    expect(seen.add('reader4999@example.com', 9001)).toBe(5001);
    expect(seen.size).toBe(5000);
  });
});
