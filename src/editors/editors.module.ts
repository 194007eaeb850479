import { Module } from '@nestjs/common';
import { EditorAuthGuard } from './editor-auth.guard';
import { EditorSignIns } from './editor-sign-ins';
import { EditorsService } from './editors.service';

@Module({
  providers: [EditorsService, EditorSignIns, EditorAuthGuard],
  exports: [EditorsService, EditorSignIns, EditorAuthGuard],
})
export class EditorsModule {}
