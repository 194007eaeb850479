import { Module } from '@nestjs/common';
import { EditorAuthGuard } from './editor-auth.guard';
import { EditorsService } from './editors.service';

@Module({
  providers: [EditorsService, EditorAuthGuard],
  exports: [EditorsService, EditorAuthGuard],
})
export class EditorsModule {}
