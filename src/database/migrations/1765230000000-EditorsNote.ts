import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An edition's note: the editor's own words at the top of the digest (Markdown), optionally signed
 * by the editor who wrote it. And the automatic subject and preheader say so, so that they follow
 * the lead article until an editor writes their own.
 *
 * The note's links are counted under ids from 2,147,000,000 up (`NOTE_LINKS_FROM`), beside the
 * article ids in `edition_links` and `edition_clicks`: the articles' sequence stops below them.
 */
export class EditorsNote1765230000000 implements MigrationInterface {
  name = 'EditorsNote1765230000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE editions ADD COLUMN note text, ADD COLUMN note_signed_by integer,
         ADD COLUMN subject_auto boolean NOT NULL DEFAULT false, ADD COLUMN preheader_auto boolean NOT NULL DEFAULT false,
         ADD CONSTRAINT "FK_editions_note_signed_by" FOREIGN KEY (note_signed_by) REFERENCES editors(id) ON DELETE SET NULL`,
    );
    await queryRunner.query(`ALTER SEQUENCE articles_id_seq MAXVALUE 2146999999`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER SEQUENCE articles_id_seq NO MAXVALUE`);
    await queryRunner.query(
      `ALTER TABLE editions DROP CONSTRAINT "FK_editions_note_signed_by", DROP COLUMN note, DROP COLUMN note_signed_by, DROP COLUMN subject_auto, DROP COLUMN preheader_auto`,
    );
  }
}
