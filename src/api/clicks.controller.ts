import { Controller, Get, Param, ParseIntPipe, UseGuards } from '@nestjs/common';
import { MinRole } from '../editors/editor-roles';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { EditorAuthGuard } from '../editors/editor-auth.guard';
import { ClicksReport } from '../clicks/click-report';
import { PublishingService } from '../publishing/publishing.service';
import { ClicksReportView } from '../clicks/dtos/clicks-report.dto';

@ApiTags('editors')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'No editor token, or a wrong one' })
@MinRole('editor')
@UseGuards(EditorAuthGuard)
@Controller('api')
export class ClicksController {
  constructor(private readonly publishing: PublishingService) {}

  @Get('editions/:id/clicks')
  @ApiOperation({
    summary: 'Clicks per article, section, segment and sector, the click rate against delivered, and what was discounted as scanners, by reason',
  })
  @ApiOkResponse({ type: ClicksReportView })
  @ApiNotFoundResponse({ description: 'No such edition' })
  report(@Param('id', ParseIntPipe) id: number): Promise<ClicksReport> {
    return this.publishing.clicksReport(id);
  }
}
