/**
 * bench:import — a readers' CSV import of N lines into a fresh PostgreSQL database, through
 * the real command (`npm run cli -- readers:import … --confirmed`, a process of its own, as an
 * editor runs it), with its resident memory sampled from /proc every 100 ms.
 *
 *   npm run bench:import                      # 1,000,000 lines
 *   npm run bench:import -- --lines 20000     # CI size
 *
 * The file is generated first: per thousand lines, one repeats the line before it, one is not
 * an address, and four name readers the database already has (seeded before the import): one
 * unsubscribed, one suppressed, one erased (by its keyed hash), one already active. Everything
 * else is new. Timings and memory are reported, never asserted. The exit code says whether the
 * report counted every line as it should and the database holds exactly what it should: the
 * new readers active with a ledger row each, and every seeded reader as it was.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { PROJECT_ROOT } from '../src/config/paths';
import type { AppConfig } from '../src/config/config';
import { ErasedAddresses } from '../src/readers/erased-addresses';
import type { ImportReport } from '../src/readers-import/import-report';
import { options } from './support/args';
import { Classify, CpuAccount, sharedServer } from './support/cpu-account';
import { Check, noteLoad, report } from './support/results';
import { dropRedisPrefix, freshDatabase, redisPrefix, REDIS_URL, serverVersions } from './support/services';
import { format, table } from './support/table';

const opts = options('npm run bench:import -- [options]', {
  lines: { default: 1_000_000, help: 'data lines in the generated CSV file' },
  'node-flags': { default: 'cli', help: 'V8 flags of the import process: those of `npm run cli`, or literal flags (--node-flags= for none)' },
  'keep-file': { default: false, help: 'keep the generated CSV (its path is printed)' },
});

const N = opts.lines;
const BASIS = 'Subscribed to the bench list, which asked for consent in these words: …';
const SECTORS = ['Arts and Culture', 'marketing', '"OH&S, Risk Management"', 'communications', 'public-relations-and-media', ''];
/** What line i of the file holds (0-based): its role, by position within each thousand. */
type Role = 'new' | 'repeat' | 'invalid' | 'unsubscribed' | 'suppressed' | 'erased' | 'active';
function role(i: number): Role {
  switch (i % 1000) {
    case 999:
      return 'repeat';
    case 500:
      return 'invalid';
    case 100:
      return 'unsubscribed';
    case 200:
      return 'suppressed';
    case 300:
      return 'erased';
    case 400:
      return 'active';
    default:
      return 'new';
  }
}
const address = (i: number) => `reader-${i}@bench.example`;

/** The CSV, written as it is generated (a million lines never sit in memory). */
async function writeCsv(path: string): Promise<number> {
  const out = createWriteStream(path);
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  await write('\ufeffemail,job_sector,consented_at,source\r\n');
  let chunk = '';
  for (let i = 0; i < N; i += 1) {
    const kind = role(i);
    const email = kind === 'repeat' ? address(i - 1).toUpperCase() : kind === 'invalid' ? `not-an-address-${i}` : address(i);
    chunk += `${email},${SECTORS[i % SECTORS.length]},2024-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')},"bench list, part ${i % 10}"\r\n`;
    if (chunk.length > 1 << 16) {
      await write(chunk);
      chunk = '';
    }
  }
  await write(chunk);
  out.end();
  await once(out, 'finish');
  return statSync(path).size;
}

function count(kind: Role): number {
  let n = 0;
  for (let i = 0; i < N; i += 1) if (role(i) === kind) n += 1;
  return n;
}

/** Resident memory of a process, in MB, from /proc (null off Linux or once it has gone). */
function rssMb(pid: number): number | null {
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) / 1024 : null;
  } catch {
    return null;
  }
}

async function main(): Promise<void> {
  noteLoad();
  const versions = await serverVersions();
  const database = await freshDatabase('import');
  const prefix = redisPrefix('import');
  const dir = mkdtempSync(join(tmpdir(), 'nl-bench-import-'));
  const file = join(dir, 'readers.csv');
  const secret = randomBytes(32).toString('base64url');
  const env: Record<string, string> = {
    NODE_ENV: 'production',
    DATABASE_URL: database.url,
    REDIS_URL,
    QUEUE_PREFIX: prefix,
    PUBLIC_URL: 'https://newsletters.bench.test',
    APP_SECRET: secret,
    MAIL_FROM: 'New Statesman <newsletters@bench.test>',
    LOG_LEVEL: 'warn',
    VAR_DIR: dir,
  };
  const checks: Check[] = [];
  let passed = false;
  const pg = new Client({ connectionString: database.url });
  try {
    let started = Date.now();
    const bytes = await writeCsv(file);
    const generateSeconds = (Date.now() - started) / 1000;
    console.log(`Generated ${format(N)} lines (${format(bytes / 2 ** 20)} MB) in ${format(generateSeconds)} s: ${file}`);

    // The schema, as the service makes it, then the readers already there, set-based.
    Object.assign(process.env, env);
    const { databaseConfig } = await import('../src/config/config');
    const { createDataSource } = await import('../src/database/database-options');
    const { runMigrations } = await import('../src/database/migrate');
    const dataSource = await createDataSource(databaseConfig());
    await dataSource.initialize();
    await runMigrations(dataSource);
    await dataSource.destroy();

    await pg.connect();
    const [{ id: newsletterId }] = (await pg.query<{ id: number }>(`SELECT id FROM newsletters WHERE slug = 'morning-call'`)).rows;
    const seeded = (kind: Role) => Array.from({ length: N }, (_, i) => i).filter((i) => role(i) === kind).map(address);
    await pg.query(
      `WITH readers AS (
         INSERT INTO subscribers (email, suppressed_at, suppression_reason, created_at, updated_at)
         SELECT email, CASE WHEN kind = 'suppressed' THEN now() END, CASE WHEN kind = 'suppressed' THEN 'bench: hard bounce' END, now(), now()
         FROM unnest($1::text[], $2::text[]) AS s(email, kind) RETURNING id, email
       )
       INSERT INTO subscriptions (subscriber_id, newsletter_id, status, confirmed_at, unsubscribed_at, created_at, updated_at)
       SELECT r.id, $3, CASE WHEN s.kind = 'unsubscribed' THEN 'unsubscribed' ELSE 'active' END, now(), CASE WHEN s.kind = 'unsubscribed' THEN now() END, now(), now()
       FROM readers r JOIN unnest($1::text[], $2::text[]) AS s(email, kind) ON s.email = r.email`,
      [
        [...seeded('unsubscribed'), ...seeded('suppressed'), ...seeded('active')],
        [...seeded('unsubscribed').map(() => 'unsubscribed'), ...seeded('suppressed').map(() => 'suppressed'), ...seeded('active').map(() => 'active')],
        newsletterId,
      ],
    );
    const erasedAddresses = new ErasedAddresses(null as never, { secret, previousSecrets: [] } as unknown as AppConfig);
    await pg.query(`INSERT INTO erased_addresses (address_hash, erased_at) SELECT unnest($1::text[]), now()`, [seeded('erased').map((email) => erasedAddresses.hash(email))]);
    await pg.query('ANALYZE');
    const lastSeeded = (await pg.query<{ last: number }>(`SELECT max(id)::int AS last FROM subscribers`)).rows[0].last;
    const seededState = async () =>
      (
        await pg.query<{ state: string }>(
          `SELECT md5(string_agg(s::text || r::text, ',' ORDER BY r.id, s.newsletter_id)) AS state
           FROM subscribers r JOIN subscriptions s ON s.subscriber_id = r.id WHERE r.id <= $1`,
          [lastSeeded],
        )
      ).rows[0].state;
    const seededBefore = await seededState();

    // The import, as an editor runs it, watched from outside.
    const flags = (
      opts['node-flags'] === 'cli'
        ? (JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts.cli
        : opts['node-flags']
    )
      .split(/\s+/)
      .filter((word) => word.startsWith('--'));
    const cli = join(PROJECT_ROOT, 'dist', 'src', 'cli.js');
    started = Date.now();
    const child: ChildProcess = spawn(process.execPath, [...flags, cli, 'readers:import', file, '--newsletter', 'morning-call', '--consent', BASIS, '--confirmed', '--json'], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const parts: Classify = (pid, _ppid, cmdline) =>
      pid === child.pid ? 'import process' : cmdline.startsWith('postgres: ') && cmdline.includes(` ${database.name} `) ? 'PostgreSQL backends' : sharedServer(cmdline) ? 'PostgreSQL, shared' : null;
    const cpu = new CpuAccount(parts);
    let stdout = '';
    let cpuUse: ReturnType<CpuAccount['stop']> | undefined;
    // The report is printed as the import ends, while the process and its connections still exist to be counted.
    child.stdout!.on('data', (chunk: Buffer) => {
      cpuUse ??= cpu.stop();
      stdout += chunk.toString();
    });
    const samples: Array<[seconds: number, mb: number]> = [];
    const sampler = setInterval(() => {
      const mb = rssMb(child.pid!);
      if (mb !== null) samples.push([(Date.now() - started) / 1000, mb]);
    }, 100);
    const [code] = (await once(child, 'exit')) as [number | null];
    clearInterval(sampler);
    cpuUse ??= cpu.stop();
    const wallSeconds = (Date.now() - started) / 1000;

    checks.push({ name: 'the import exited 0', ok: code === 0, detail: `exit ${code}` });
    // The report is the first JSON object printed (anything a module logs after it is not).
    const start = stdout.indexOf('{\n');
    const result = code === 0 && start !== -1 ? (JSON.parse(stdout.slice(start, stdout.indexOf('\n}', start) + 2)) as ImportReport) : null;
    const expected = {
      lines: N,
      created: count('new'),
      alreadySubscribed: count('active'),
      alreadyPending: 0,
      skippedUnsubscribed: count('unsubscribed'),
      skippedSuppressed: count('suppressed'),
      skippedErased: count('erased'),
      duplicates: count('repeat'),
      invalid: count('invalid'),
      complete: true,
    };
    const got = result && Object.fromEntries(Object.keys(expected).map((key) => [key, result[key as keyof ImportReport]]));
    checks.push({ name: 'the report counts every line as it should', ok: JSON.stringify(got) === JSON.stringify(expected), detail: JSON.stringify(got) });

    const row = async (sql: string, params: unknown[] = [newsletterId]) => (await pg.query<{ n: number }>(sql, params)).rows[0].n;
    const active = await row(`SELECT count(*)::int AS n FROM subscriptions WHERE newsletter_id = $1 AND status = 'active'`);
    const expectedActive = count('new') + count('active') + count('suppressed');
    checks.push({ name: 'the new readers are active, next to the seeded active and suppressed ones', ok: active === expectedActive, detail: `${format(active)} active (expected ${format(expectedActive)})` });
    const readers = await row(`SELECT count(*)::int AS n FROM subscribers`, []);
    const expectedReaders = count('new') + count('active') + count('suppressed') + count('unsubscribed');
    checks.push({ name: 'one reader per new address, none for the erased, invalid or repeated', ok: readers === expectedReaders, detail: `${format(readers)} readers (expected ${format(expectedReaders)})` });
    const ledger = await row(
      `SELECT count(*)::int AS n FROM consent_events c JOIN consent_evidence e ON e.event_id = c.id
       WHERE c.newsletter_id = $1 AND c.source = 'import' AND c.event = 'subscribed' AND c.details::jsonb -> 'import' ->> 'status' = 'active'`,
    );
    checks.push({ name: 'a ledger row (subscribed, active at once) per new reader', ok: ledger === count('new'), detail: `${format(ledger)} rows` });
    const seededAfter = await seededState();
    checks.push({ name: 'every seeded reader exactly as before (status, times, suppression)', ok: seededAfter === seededBefore, detail: seededAfter === seededBefore ? 'unchanged' : 'CHANGED' });

    const importSeconds = result?.seconds ?? NaN;
    const peak = Math.max(...samples.map(([, mb]) => mb));
    const during = samples.filter(([at]) => at >= wallSeconds - importSeconds);
    const at = (share: number) => during.find(([seconds]) => seconds >= wallSeconds - importSeconds + share * importSeconds)?.[1] ?? NaN;
    const figures = {
      lines: N,
      fileMb: bytes / 2 ** 20,
      importSeconds,
      linesPerSecond: N / importSeconds,
      wallSeconds,
      peakRssMb: peak,
      rssMbAt: { '10%': at(0.1), '25%': at(0.25), '50%': at(0.5), '75%': at(0.75), '95%': at(0.95) },
      cpuSeconds: cpuUse?.seconds ?? null,
      cpuMicrosecondsPerLine: null as Record<string, number> | null,
      linesPerSecondCeiling: null as number | null,
      otherShareOfMachine: cpuUse?.otherShare ?? null,
      nodeFlags: flags,
    };
    console.log();
    console.log(
      table(
        ['lines', 'import s', 'lines/s', 'wall s (with start-up)', 'peak RSS MB', 'RSS at 10/25/50/75/95 % of the import, MB'],
        [[N, importSeconds, figures.linesPerSecond, wallSeconds, peak, Object.values(figures.rssMbAt).map((mb) => format(mb)).join(' / ')]],
      ),
    );
    if (cpuUse) {
      console.log(`CPU seconds: ${Object.entries(cpuUse.seconds).map(([part, s]) => `${part} ${format(s)}`).join(', ')}; other work used ${format(cpuUse.otherShare * 100)} % of the machine`);
      // CPU per line does not depend on what else ran; with every core free for the import, it bounds the rate.
      const perLine = Object.values(cpuUse.seconds).reduce((a, b) => a + b, 0) / N;
      figures.cpuMicrosecondsPerLine = Object.fromEntries(Object.entries(cpuUse.seconds).map(([part, s]) => [part, (s / N) * 1e6]));
      figures.linesPerSecondCeiling = cpus().length / perLine;
      console.log(`CPU per line: ${format(perLine * 1e6)} µs in all, so at most ${format(cpus().length / perLine)} lines/s on ${cpus().length} idle cores`);
    }
    passed = report('import', checks, { versions, figures, samples: samples.filter((_, i) => i % 10 === 0) });
  } finally {
    await pg.end().catch(() => undefined);
    await database.drop().catch((error: unknown) => console.error(`Could not drop ${database.name}:`, error));
    await dropRedisPrefix(prefix).catch(() => undefined);
    if (opts['keep-file']) console.log(`Kept ${file}`);
    else rmSync(dir, { recursive: true, force: true });
  }
  process.exit(passed ? 0 : 1);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
