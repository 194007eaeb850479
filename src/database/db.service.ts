import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, EntityTarget, ObjectLiteral, QueryFailedError, Repository } from 'typeorm';

export interface QueryResult<T> {
  rows: T[];
  affected: number;
}

export function isUniqueViolation(error: unknown): boolean {
  return error instanceof QueryFailedError && (error.driverError as { code?: string } | undefined)?.code === '23505';
}

/**
 * Numbered parameters for a statement put together from pieces written by different modules
 * (one owner's fragment inside another's statement): `add` returns the next `$n`.
 */
export class Params {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/**
 * Raw SQL and transactions. Inside `transaction(work)`, every query made by the work, and every
 * repository taken from `repository()`, joins that transaction on its connection. That matters
 * beyond atomicity: on the embedded database a second connection waits for the transaction to
 * commit, so work that waited on one from inside it would wait for ever.
 */
@Injectable()
export class Db {
  private readonly ambient = new AsyncLocalStorage<EntityManager>();

  constructor(@InjectDataSource() readonly dataSource: DataSource) {}

  /** The current transaction's manager, or the data source's when there is none. */
  get manager(): EntityManager {
    return this.ambient.getStore() ?? this.dataSource.manager;
  }

  repository<T extends ObjectLiteral>(entity: EntityTarget<T>): Repository<T> {
    return this.manager.getRepository(entity);
  }

  async query<T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<QueryResult<T>> {
    const current = this.ambient.getStore()?.queryRunner;
    const runner = current ?? this.dataSource.createQueryRunner();
    try {
      const result = await runner.query(text, params, true);
      return { rows: (result.records ?? []) as T[], affected: result.affected ?? 0 };
    } finally {
      if (!current) await runner.release();
    }
  }

  /** Runs `work` in a transaction, or in the caller's transaction when there already is one. */
  async transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const current = this.ambient.getStore();
    if (current) return work(current);
    return this.dataSource.transaction((manager) => this.ambient.run(manager, () => work(manager)));
  }
}
