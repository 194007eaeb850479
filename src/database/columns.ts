import { Column, ColumnOptions, CreateDateColumn, UpdateDateColumn } from 'typeorm';
import { timestampType } from './dialect';

export const TimestampColumn = (options: ColumnOptions & { name: string }) =>
  Column({ type: timestampType(), ...options });

export const CreatedAtColumn = () => CreateDateColumn({ name: 'created_at', type: timestampType() });

export const UpdatedAtColumn = () => UpdateDateColumn({ name: 'updated_at', type: timestampType() });
