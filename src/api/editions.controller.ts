import { Body, Controller, Get, Header, HttpCode, Param, ParseIntPipe, Patch, Post, Query, Req, UseGuards, UsePipes } from '@nestjs/common';
import { mayTestTo, MinRole, OWN_ADDRESS_ONLY } from '../editors/editor-roles';
import { Audited } from '../editors/audit.interceptor';
import { ApiAcceptedResponse, ApiBearerAuth, ApiConflictResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { FieldErrorsException, jsonValidationPipe } from '../common/field-errors';
import { EditorAuthGuard, EditorRequest } from '../editors/editor-auth.guard';
import { ComposeOptions } from '../editions/editions.service';
import { ComposeEditionDto, EditionsQueryDto, TestSendDto, UpdateEditionDto } from '../editions/dtos/edition.dto';
import { EditionView, PublishingService } from '../publishing/publishing.service';

/** The note as the service takes it: signed by the token's editor when `signNote` says so. */
function withNote(body: ComposeEditionDto | UpdateEditionDto, req: EditorRequest): ComposeOptions {
  const { note, signNote, ...rest } = body;
  return { ...rest, note: note === undefined ? undefined : { text: note, signedBy: signNote ? (req.editor?.id ?? null) : null } };
}

@ApiTags('editors')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'No editor token, or a wrong one' })
@MinRole('writer')
@UseGuards(EditorAuthGuard)
@UsePipes(jsonValidationPipe)
@Controller('api')
export class EditionsController {
  constructor(private readonly publishing: PublishingService) {}

  @Audited('edition.create', 'edition')
  @Post('newsletters/:slug/editions')
  @ApiOperation({ summary: 'Compose a draft from new articles, or from the article ids given, in order' })
  async compose(@Param('slug') slug: string, @Body() body: ComposeEditionDto, @Req() req: EditorRequest): Promise<EditionView> {
    return this.publishing.compose(slug, withNote(body, req));
  }

  @Get('editions')
  @ApiOperation({ summary: 'Editions, newest first, a page at a time; pass `next` back as `before` for the next page' })
  @ApiOkResponse({ description: '`{ editions: [...], next: <id> | null }`, each edition as GET /api/editions/:id gives it' })
  list(@Query() query: EditionsQueryDto): Promise<{ editions: EditionView[]; next: number | null }> {
    return this.publishing.list(query);
  }

  @Audited('edition.edit', 'edition')
  @Patch('editions/:id')
  @ApiOperation({ summary: 'Change a draft: subject, preheader, note, and the articles in order' })
  @ApiConflictResponse({ description: 'Not a draft: sending, sent, cancelled or failed editions do not change' })
  @ApiUnprocessableEntityResponse({ description: 'A field is invalid, or an article id does not exist' })
  update(@Param('id', ParseIntPipe) id: number, @Body() body: UpdateEditionDto, @Req() req: EditorRequest): Promise<EditionView> {
    return this.publishing.update(id, withNote(body, req));
  }

  @Get('editions/:id')
  @ApiOperation({ summary: 'Status, counts, rate and ETA; once sending, bounce, complaint and unsubscribe rates (`rates`, fractions of the copies sent)' })
  view(@Param('id', ParseIntPipe) id: number): Promise<EditionView> {
    return this.publishing.view(id);
  }

  @Get('editions/:id/preview')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @ApiOperation({ summary: 'The HTML exactly as a reader gets it, for a sample reader' })
  preview(@Param('id', ParseIntPipe) id: number): Promise<string> {
    return this.publishing.preview(id);
  }

  @Audited('edition.test', 'edition')
  @Post('editions/:id/test')
  @HttpCode(202)
  @ApiAcceptedResponse({ description: 'Queued: each address gets the edition, subject prefixed [Test]' })
  async test(@Param('id', ParseIntPipe) id: number, @Body() body: TestSendDto, @Req() req: EditorRequest): Promise<{ status: string; to: string[] }> {
    if (!mayTestTo(req.editor!, body.to)) throw new FieldErrorsException([OWN_ADDRESS_ONLY]);
    await this.publishing.queueTest(id, body.to);
    return { status: 'queued', to: body.to };
  }

  @MinRole('editor')
  @Audited('edition.send', 'edition')
  @Post('editions/:id/send')
  @HttpCode(202)
  @ApiAcceptedResponse({ description: 'Sending started' })
  @ApiConflictResponse({ description: 'Not a draft: already sent, sending or cancelled' })
  send(@Param('id', ParseIntPipe) id: number): Promise<EditionView> {
    return this.publishing.send(id);
  }

  @MinRole('editor')
  @Audited('edition.pause', 'edition')
  @Post('editions/:id/pause')
  @HttpCode(200)
  pause(@Param('id', ParseIntPipe) id: number): Promise<EditionView> {
    return this.publishing.pause(id);
  }

  @MinRole('editor')
  @Audited('edition.resume', 'edition')
  @Post('editions/:id/resume')
  @HttpCode(200)
  resume(@Param('id', ParseIntPipe) id: number): Promise<EditionView> {
    return this.publishing.resume(id);
  }

  @MinRole('editor')
  @Audited('edition.cancel', 'edition')
  @Post('editions/:id/cancel')
  @HttpCode(200)
  cancel(@Param('id', ParseIntPipe) id: number): Promise<EditionView> {
    return this.publishing.cancel(id);
  }
}
