import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, QueryFailedError, QueryRunner } from 'typeorm';
import { Dialect } from './dialect';

export interface QueryResult<T> {
  rows: T[];
  affected: number;
}

/** A statement and its parameters, written once with PostgreSQL's `$1` placeholders. */
export interface Statement {
  text: string;
  params?: unknown[];
}

/**
 * SQLite text times are written as 'YYYY-MM-DD HH:MM:SS.SSS' in UTC, the form TypeORM uses, so
 * that raw SQL and entities compare alike.
 */
export function sqliteTime(date: Date): string {
  return date.toISOString().replace('T', ' ').replace('Z', '');
}

/** A time as a driver returns it: a Date (PostgreSQL) or UTC text (SQLite). */
export function fromDbTime(value: Date | string): Date {
  return value instanceof Date ? value : new Date(`${value.replace(' ', 'T')}Z`);
}

/** better-sqlite3 binds `?` by position only: `$n` is rewritten and its value repeated per use. */
export function toSqlite(text: string, params: unknown[]): [string, unknown[]] {
  const bound: unknown[] = [];
  const sql = text.replace(/\$(\d+)/g, (_, n: string) => {
    const value = params[Number(n) - 1];
    bound.push(value instanceof Date ? sqliteTime(value) : value);
    return '?';
  });
  return [sql, bound];
}

export class UniqueViolation extends Error {}

export function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const code = (error.driverError as { code?: string } | undefined)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/**
 * Raw SQL and transactions on either database. Inside `transaction(work)`, every `query` made by
 * the work joins that transaction. SQLite has one connection shared by the whole process, so
 * there every statement and transaction takes its turn; better-sqlite3 is synchronous anyway.
 */
@Injectable()
export class Db {
  readonly dialect: Dialect;
  private sqliteQueue: Promise<unknown> = Promise.resolve();
  private readonly ambient = new AsyncLocalStorage<EntityManager>();

  constructor(@InjectDataSource() readonly dataSource: DataSource) {
    this.dialect = dataSource.options.type === 'postgres' ? 'postgres' : 'sqlite';
  }

  get isPostgres(): boolean {
    return this.dialect === 'postgres';
  }

  /** The current time as an SQL expression in the column format of this database. */
  get now(): string {
    return this.isPostgres ? 'now()' : "strftime('%Y-%m-%d %H:%M:%f', 'now')";
  }

  /** The current time moved by a whole number of seconds (negative: the past), as SQL. */
  nowPlus(seconds: number): string {
    const n = Math.trunc(seconds);
    return this.isPostgres
      ? `(now() + interval '${n} seconds')`
      : `strftime('%Y-%m-%d %H:%M:%f', 'now', '${n >= 0 ? '+' : ''}${n} seconds')`;
  }

  /** `column IN <list>` for a parameter bound with `ids(...)`: an int array on PostgreSQL, JSON on SQLite. */
  inIds(placeholder: string): string {
    return this.isPostgres ? `= ANY(${placeholder}::int[])` : `IN (SELECT value FROM json_each(${placeholder}))`;
  }

  ids(values: number[]): unknown {
    return this.isPostgres ? values : JSON.stringify(values);
  }

  /** A parameter holding a time, typed for the database. */
  time(placeholder: string): string {
    return this.isPostgres ? `${placeholder}::timestamptz` : placeholder;
  }

  async query<T = Record<string, unknown>>(
    text: string,
    params: unknown[] = [],
    manager?: EntityManager,
  ): Promise<QueryResult<T>> {
    const [sql, bound] = this.isPostgres ? [text, params] : toSqlite(text, params);
    const runner = (manager ?? this.ambient.getStore())?.queryRunner;
    const result = runner
      ? await runner.query(sql, bound, true)
      : await this.outsideTransaction((r) => r.query(sql, bound, true));
    return { rows: (result.records ?? []) as T[], affected: result.affected ?? 0 };
  }

  /** Runs `work` in a transaction, or in the caller's transaction when there already is one. */
  async transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const current = this.ambient.getStore();
    if (current) return work(current);
    const run = () => this.dataSource.transaction((manager) => this.ambient.run(manager, () => work(manager)));
    return this.isPostgres ? run() : this.serialised(run);
  }

  private async outsideTransaction<R>(work: (runner: QueryRunner) => Promise<R>): Promise<R> {
    if (!this.isPostgres) return this.serialised(() => work(this.dataSource.createQueryRunner()));
    const runner = this.dataSource.createQueryRunner();
    try {
      return await work(runner);
    } finally {
      await runner.release();
    }
  }

  private serialised<T>(work: () => Promise<T>): Promise<T> {
    const next = this.sqliteQueue.then(work, work);
    this.sqliteQueue = next.catch(() => undefined);
    return next;
  }
}
