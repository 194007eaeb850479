import { Controller, Delete, Get, NotFoundException, Param, ParseIntPipe, Query, Req, UseGuards, UsePipes } from '@nestjs/common';
import { MinRole } from '../editors/editor-roles';
import { Audited } from '../editors/audit.interceptor';
import { ApiBearerAuth, ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { jsonValidationPipe } from '../common/field-errors';
import { EditorAuthGuard, EditorRequest } from '../editors/editor-auth.guard';
import { ReaderDataExport } from '../readers-data/reader-data-export';
import { ReadersDataService, ReaderSummary } from '../readers-data/readers-data.service';

export class ReaderLookupDto {
  @ApiProperty({ example: 'reader@example.com', description: 'The whole address, exactly (case and surrounding spaces aside)' })
  @MaxLength(254, { message: 'email: at most 254 characters' })
  @MinLength(1, { message: 'email: give the address to look up' })
  @IsString({ message: 'email: give the address to look up' })
  email!: string;
}

const NO_SUCH_READER = 'No reader with that id or address';

@ApiTags('editors')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'No editor token, or a wrong one' })
@MinRole('editor')
@UseGuards(EditorAuthGuard)
@UsePipes(jsonValidationPipe)
@Controller('api/readers')
export class ReadersController {
  constructor(private readonly readersData: ReadersDataService) {}

  @Get()
  @ApiOperation({ summary: 'Find a reader by exact address', description: 'No partial matches and no browsing. Erased readers are not found.' })
  @ApiOkResponse({ description: '`{ id, email, jobSector, createdAt, suppressedAt, subscriptions: [{ newsletter, status, createdAt, confirmedAt, unsubscribedAt }] }`' })
  @ApiBadRequestResponse({ description: '`email` missing or empty' })
  @ApiNotFoundResponse({ description: 'No reader with that address' })
  async lookup(@Query() query: ReaderLookupDto): Promise<ReaderSummary> {
    const reader = await this.readersData.lookup(query.email);
    if (!reader) throw new NotFoundException(NO_SUCH_READER);
    return reader;
  }

  @Audited('reader.export', 'reader')
  @Get(':id/export')
  @ApiOperation({
    summary: "Everything held about a reader, as their own 'Download my data' gives it",
    description: 'Subscriptions, job sector, editions received and every consent event with the notice shown and its IP address and user agent. Recorded in the reader\'s record with the editor who asked.',
  })
  @ApiNotFoundResponse({ description: 'No such reader, or their data was erased' })
  async export(@Param('id', ParseIntPipe) id: number, @Req() req: EditorRequest): Promise<ReaderDataExport> {
    const data = await this.readersData.exportByEditor(id, req.editor!.id);
    if (!data) throw new NotFoundException(NO_SUCH_READER);
    return data;
  }

  @Audited('reader.erase', 'reader')
  @Delete(':id')
  @ApiOperation({
    summary: "Erase a reader's personal data",
    description:
      'Address, job sector, IP addresses and user agents go; the consent ledger keeps its rows under the subscriber id; a keyed hash of the address stops imports and sign-ups bringing them back silently. Recorded with the editor who asked.',
  })
  @ApiOkResponse({ description: '`{ "status": "erased", "id": <id> }`' })
  @ApiNotFoundResponse({ description: 'No such reader, or erased already' })
  async erase(@Param('id', ParseIntPipe) id: number, @Req() req: EditorRequest): Promise<{ status: 'erased'; id: number }> {
    if (!(await this.readersData.erase(id, { by: 'editor', editorId: req.editor!.id, source: 'editor' }))) throw new NotFoundException(NO_SUCH_READER);
    return { status: 'erased', id };
  }
}
