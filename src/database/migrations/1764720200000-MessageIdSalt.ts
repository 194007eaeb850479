import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { columnsFor } from '../migration-columns';

/** Message-IDs built from a per-edition secret instead of database ids (see delivery/message-ids.ts). */
export class MessageIdSalt1764720200000 implements MigrationInterface {
  name = 'MessageIdSalt1764720200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columnsFor();
    await queryRunner.addColumn('editions', new TableColumn(c.varchar('message_id_salt', 64, { nullable: true })));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('editions', 'message_id_salt');
  }
}
