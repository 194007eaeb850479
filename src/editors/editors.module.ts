import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EditorAuthGuard } from './editor-auth.guard';
import { Editor } from './editor.entity';
import { EditorsService } from './editors.service';

@Module({
  imports: [TypeOrmModule.forFeature([Editor])],
  providers: [EditorsService, EditorAuthGuard],
  exports: [EditorsService, EditorAuthGuard],
})
export class EditorsModule {}
