import { MigrationInterface, QueryRunner } from 'typeorm';

/** Editors get a display name: the note's sign-off, the audit log and the report say who, not an address. */
export class EditorDisplayNames1765150000000 implements MigrationInterface {
  name = 'EditorDisplayNames1765150000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE editors ADD COLUMN display_name varchar(100)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE editors DROP COLUMN display_name`);
  }
}
