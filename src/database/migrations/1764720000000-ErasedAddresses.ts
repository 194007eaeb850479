import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { columnsFor } from '../migration-columns';

export class ErasedAddresses1764720000000 implements MigrationInterface {
  name = 'ErasedAddresses1764720000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columnsFor();
    await queryRunner.createTable(new Table({ name: 'erased_addresses', columns: [{ ...c.varchar('address_hash', 64), isPrimary: true }, c.timestamp('erased_at')] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('erased_addresses');
  }
}
