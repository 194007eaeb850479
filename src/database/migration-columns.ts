import { QueryRunner, TableColumnOptions } from 'typeorm';

/**
 * Column shapes for hand-written migrations. They match what the entities declare, so
 * `migration:generate --check` finds no drift.
 */
export function columnsFor() {
  const timestamp = 'timestamptz';
  const now = 'now()';
  const nullable = (options: { nullable?: boolean }) => ({ isNullable: options.nullable ?? false });

  return {
    id: (name = 'id'): TableColumnOptions => ({
      name,
      type: 'integer',
      isPrimary: true,
      isGenerated: true,
      generationStrategy: 'increment',
    }),
    integer: (name: string, options: { nullable?: boolean; primary?: boolean; unique?: boolean; default?: number } = {}): TableColumnOptions => ({
      name,
      type: 'integer',
      isPrimary: options.primary ?? false,
      isUnique: options.unique ?? false,
      default: options.default,
      ...nullable(options),
    }),
    varchar: (name: string, length: number, options: { nullable?: boolean; unique?: boolean; default?: string } = {}): TableColumnOptions => ({
      name,
      type: 'varchar',
      length: String(length),
      isUnique: options.unique ?? false,
      default: options.default,
      ...nullable(options),
    }),
    text: (name: string, options: { nullable?: boolean } = {}): TableColumnOptions => ({ name, type: 'text', ...nullable(options) }),
    boolean: (name: string, defaultValue: boolean): TableColumnOptions => ({
      name,
      type: 'boolean',
      default: String(defaultValue),
      isNullable: false,
    }),
    timestamp: (name: string, options: { nullable?: boolean } = {}): TableColumnOptions => ({ name, type: timestamp, ...nullable(options) }),
    createdAt: (): TableColumnOptions => ({ name: 'created_at', type: timestamp, default: now, isNullable: false }),
    updatedAt: (): TableColumnOptions => ({ name: 'updated_at', type: timestamp, default: now, isNullable: false }),
  };
}

/** Inserts seed rows with plain SQL, independent of today's entity classes. */
export async function insertRows(queryRunner: QueryRunner, table: string, rows: Record<string, unknown>[]): Promise<void> {
  for (const row of rows) {
    const names = Object.keys(row);
    const placeholders = names.map((_, index) => `$${index + 1}`);
    await queryRunner.query(
      `INSERT INTO "${table}" (${names.map((name) => `"${name}"`).join(', ')}) VALUES (${placeholders.join(', ')})`,
      Object.values(row),
    );
  }
}
