import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable } from '@nestjs/common';
import type { PreparedQuery } from '@pgtyped/runtime';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Pool } from 'pg';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { isEmbedded } from './database-options';

export interface QueryResult<T> {
  rows: T[];
  affected: number;
}

export function isUniqueViolation(error: unknown): boolean {
  const driverError = error instanceof QueryFailedError ? (error.driverError as { code?: string } | undefined) : (error as { code?: string } | undefined);
  return driverError?.code === '23505';
}

/**
 * SQL and transactions. Stores run their modules' statements (`run`, typed by pgTyped from the
 * `.sql` beside them); tests and benches may send raw SQL (`query`). Inside `transaction(work)`,
 * every statement the work makes joins that transaction on its connection. That matters
 * beyond atomicity: on the embedded database a second connection waits for the transaction to
 * commit, so work that waited on one from inside it would wait for ever.
 */
@Injectable()
export class Db {
  private readonly ambient = new AsyncLocalStorage<EntityManager>();

  constructor(@InjectDataSource() readonly dataSource: DataSource) {}

  /**
   * One statement, in the caller's transaction when there is one. Outside a transaction it goes
   * straight to the `pg` pool: no query runner to make and release per statement, which on the
   * delivery path (a write every 20 messages) is most of the driver's cost.
   */
  async query<T = Record<string, unknown>>(text: string, params: unknown[] = [], options: { name?: string } = {}): Promise<QueryResult<T>> {
    const current = this.ambient.getStore()?.queryRunner;
    if (current) {
      const result = await current.query(text, params, true);
      return { rows: (result.records ?? []) as T[], affected: result.affected ?? 0 };
    }
    const name = this.preparedStatements ? options.name : undefined;
    const result = await this.pool.query({ name, text, values: params });
    return { rows: result.rows as T[], affected: result.rowCount ?? 0 };
  }

  /**
   * A statement from a module's `.sql` file, its parameters and rows typed from the migrated
   * schema by pgTyped (`npm run sql:types`), in the caller's transaction when there is one.
   */
  async run<P, R>(query: PreparedQuery<P, R>, params: P, options: { name?: string } = {}): Promise<QueryResult<R>> {
    const { result, rowCount } = await query.runWithCounts(params, {
      query: async (text, values) => {
        const { rows, affected } = await this.query(text, values, options);
        return { rows, rowCount: affected };
      },
    });
    return { rows: result, affected: rowCount };
  }

  /**
   * Hot statements are prepared once per connection (`options.name`), which spares PostgreSQL
   * planning them each time. Not on the embedded database: its connections share one session,
   * where a second connection preparing the same name would collide with the first's.
   */
  private get preparedStatements(): boolean {
    return !isEmbedded(this.dataSource);
  }

  private get pool(): Pool {
    return (this.dataSource.driver as PostgresDriver).master as Pool;
  }

  /** Runs `work` in a transaction, or in the caller's transaction when there already is one. */
  async transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const current = this.ambient.getStore();
    if (current) return work(current);
    return this.dataSource.transaction((manager) => this.ambient.run(manager, () => work(manager)));
  }
}
