import { Body, Controller, Param, ParseIntPipe, Put, UseGuards, UsePipes } from '@nestjs/common';
import { MinRole } from '../editors/editor-roles';
import { Audited } from '../editors/audit.interceptor';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { jsonValidationPipe } from '../common/field-errors';
import { EditorAuthGuard } from '../editors/editor-auth.guard';
import { ArchiveService } from '../archive/archive.service';
import { ArchiveSettingDto } from '../archive/dtos/archive-setting.dto';

@ApiTags('editors')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'No editor token, or a wrong one' })
@MinRole('editor')
@UseGuards(EditorAuthGuard)
@UsePipes(jsonValidationPipe)
@Controller('api')
export class ArchiveSettingsController {
  constructor(private readonly archive: ArchiveService) {}

  @Audited('edition.archive', 'edition')
  @Put('editions/:id/archive')
  @ApiOperation({ summary: 'Keep an edition in the public archive, or out of it' })
  @ApiOkResponse({ schema: { example: { id: 12, inArchive: false } } })
  @ApiNotFoundResponse({ description: 'No such edition' })
  setInArchive(@Param('id', ParseIntPipe) id: number, @Body() body: ArchiveSettingDto): Promise<{ id: number; inArchive: boolean }> {
    return this.archive.setInArchive(id, body.inArchive);
  }
}
