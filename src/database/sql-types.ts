/**
 * `npm run sql:types`: regenerates every `<store>.queries.ts` from its `.sql` file with pgTyped,
 * against a scratch PostgreSQL database migrated for the purpose (made next to the one
 * DATABASE_URL names, default postgres://postgres@127.0.0.1:5432/postgres, and dropped after).
 * Each statement's parameters and rows are then typed from the schema the migrations make: a
 * column renamed without its queries fails here, and CI fails when what it generates differs from
 * what is committed.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { PROJECT_ROOT } from '../config/paths';
import { dataSourceOptions } from './database-options';
import { runMigrations } from './migrate';

function generatedFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return generatedFiles(path);
    return name.endsWith('.queries.ts') ? [path] : [];
  });
}

/**
 * pgTyped types an array parameter's elements as never null, but a PostgreSQL array takes NULLs
 * and statements that write a group of rows in one go (ledger rows, delivery outcomes) pass them:
 * in the parameters' interfaces, an array's elements may be null.
 */
function withNullableArrayParams(source: string): string {
  return source.replace(/export interface I\w+Params \{[^}]*\}/g, (block) =>
    block.replace(/: (\w+)Array\b/g, (_, element: string) => `: Array<${ELEMENTS[element] ?? element} | null>`),
  );
}

const ELEMENTS: Record<string, string> = { number: 'number', string: 'string', boolean: 'boolean', DateOrString: 'Date | string', Json: 'Json' };

async function main(): Promise<number> {
  const adminUrl = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `sql_types_${randomBytes(4).toString('hex')}`;
  const url = `${adminUrl.replace(/\/[^/?]*(\?.*)?$/, '')}/${name}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  try {
    const dataSource = await new DataSource(dataSourceOptions({ url, poolSize: 2, varDir: '' })).initialize();
    try {
      await runMigrations(dataSource);
    } finally {
      await dataSource.destroy();
    }
    const pgtyped = spawnSync(join(PROJECT_ROOT, 'node_modules', '.bin', 'pgtyped'), ['-c', join('src', 'database', 'pgtyped.json')], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, DATABASE_URL: url },
      encoding: 'utf8',
    });
    process.stdout.write(pgtyped.stdout);
    process.stderr.write(pgtyped.stderr);
    // pgTyped says a statement does not fit the schema, but may still exit 0.
    if (pgtyped.status !== 0 || /Error (processing|in query)|is invalid/.test(`${pgtyped.stdout}${pgtyped.stderr}`)) return 1;
    for (const file of generatedFiles(join(PROJECT_ROOT, 'src'))) writeFileSync(file, withNullableArrayParams(readFileSync(file, 'utf8')));
    return 0;
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
