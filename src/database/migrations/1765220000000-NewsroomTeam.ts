import { MigrationInterface, QueryRunner, Table, TableCheck, TableForeignKey, TableIndex } from 'typeorm';
import { columnsFor } from '../migration-columns';

const APPEND_ONLY = 'editor_audit is append-only';

/**
 * Editors get a role (admin, editor or writer; everyone already here was trusted with everything,
 * so they stay admins), and their actions go to an append-only audit log. Rows past
 * AUDIT_RETENTION_DAYS may be deleted, and only those, when the deleting transaction says so.
 */
export class NewsroomTeam1765220000000 implements MigrationInterface {
  name = 'NewsroomTeam1765220000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columnsFor();
    await queryRunner.query(`ALTER TABLE editors ADD COLUMN role varchar(10) NOT NULL DEFAULT 'admin'`);
    await queryRunner.query(`ALTER TABLE editors ADD CONSTRAINT chk_editors_role CHECK ("role" IN ('admin', 'editor', 'writer'))`);
    await queryRunner.createTable(
      new Table({
        name: 'editor_audit',
        columns: [
          c.id(),
          c.integer('editor_id', { nullable: true }),
          c.varchar('action', 40),
          c.integer('edition_id', { nullable: true }),
          c.integer('subscriber_id', { nullable: true }),
          c.integer('subject_editor_id', { nullable: true }),
          c.varchar('detail', 500, { nullable: true }),
          c.varchar('client', 64, { nullable: true }),
          c.createdAt(),
        ],
        indices: [
          new TableIndex({ name: 'idx_editor_audit_time', columnNames: ['created_at', 'id'] }),
          new TableIndex({ name: 'idx_editor_audit_subscriber', columnNames: ['subscriber_id', 'id'] }),
        ],
        foreignKeys: [new TableForeignKey({ columnNames: ['editor_id'], referencedTableName: 'editors', referencedColumnNames: ['id'], onDelete: 'RESTRICT' })],
      }),
    );
    await queryRunner.query(
      `CREATE FUNCTION editor_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         IF TG_OP = 'DELETE' AND OLD.created_at < now() - make_interval(days => coalesce(nullif(current_setting('editor_audit.retention_days', true), ''), '100000')::int) THEN
           RETURN OLD;
         END IF;
         RAISE EXCEPTION '${APPEND_ONLY}';
       END $$`,
    );
    await queryRunner.query(`CREATE TRIGGER editor_audit_append_only BEFORE UPDATE OR DELETE ON editor_audit FOR EACH ROW EXECUTE FUNCTION editor_audit_append_only()`);
    await queryRunner.query(`CREATE TRIGGER editor_audit_no_truncate BEFORE TRUNCATE ON editor_audit FOR EACH STATEMENT EXECUTE FUNCTION editor_audit_append_only()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('editor_audit');
    await queryRunner.query('DROP FUNCTION IF EXISTS editor_audit_append_only()');
    await queryRunner.query(`ALTER TABLE editors DROP CONSTRAINT chk_editors_role`);
    await queryRunner.query(`ALTER TABLE editors DROP COLUMN role`);
  }
}
