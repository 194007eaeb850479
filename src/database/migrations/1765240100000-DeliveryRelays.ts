import { MigrationInterface, QueryRunner } from 'typeorm';

/** Each delivery names the relay that took it, so a send over two providers can be counted per relay. */
export class DeliveryRelays1765240100000 implements MigrationInterface {
  name = 'DeliveryRelays1765240100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE deliveries ADD COLUMN relay varchar(255)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE deliveries DROP COLUMN relay`);
  }
}
