import { Column, Entity, PrimaryColumn } from 'typeorm';
import { CreatedAtColumn } from '../database/columns';

/**
 * One partition of `deliveries`: a block of edition ids, and the month it serves. The table's
 * partitioning itself is beyond an entity (TypeORM cannot say PARTITION BY): it is made and kept
 * by SQL, in the PartitionedDeliveries migration and delivery's maintenance
 * (`delivery_partitions_ensure`, `delivery_partition_drop`).
 */
@Entity('delivery_partitions')
export class DeliveryPartition {
  @PrimaryColumn({ name: 'name', type: 'varchar', length: 63 })
  name!: string;

  /** The first day of the month whose editions take their ids from this block. */
  @Column({ name: 'month', type: 'date' })
  month!: string;

  @Column({ name: 'first_edition_id', type: 'integer' })
  firstEditionId!: number;

  /** The first id past the block. */
  @Column({ name: 'end_edition_id', type: 'integer' })
  endEditionId!: number;

  @CreatedAtColumn()
  createdAt!: Date;
}
