import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EditorsModule } from '../editors/editors.module';
import { Article } from './article.entity';

@Module({
  imports: [TypeOrmModule.forFeature([Article]), EditorsModule],
})
export class ArticlesModule {}
