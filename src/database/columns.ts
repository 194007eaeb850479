import { Column, ColumnOptions, CreateDateColumn, UpdateDateColumn } from 'typeorm';

export const TimestampColumn = (options: ColumnOptions & { name: string }) => Column({ type: 'timestamptz', ...options });

export const CreatedAtColumn = () => CreateDateColumn({ name: 'created_at', type: 'timestamptz' });

export const UpdatedAtColumn = () => UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' });
