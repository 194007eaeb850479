import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBadRequestResponse, ApiOperation, ApiQuery, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { InvalidInputError } from '../common/domain-errors';
import { ConsentService } from '../consent/consent.service';
import { EditorAuthGuard } from '../editors/editor-auth.guard';
import { MinRole } from '../editors/editor-roles';
import { RecruitsReport, sinceDate } from '../consent/recruits';

@ApiTags('editors')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'No editor token, or a wrong one' })
@MinRole('writer')
@UseGuards(EditorAuthGuard)
@Controller('api/signups')
export class SignupSourcesController {
  constructor(private readonly consent: ConsentService) {}

  @Get('sources')
  @ApiOperation({
    summary:
      'Which articles recruit readers: sign-ups and confirmations per article, section, page and way in (script, iframe, form, page, api), each newsletter apart',
    description: 'Counts only: nothing says which reader came from where.',
  })
  @ApiQuery({ name: 'since', required: false, description: 'A date (YYYY-MM-DD, London) or a number of days back (7d, 30d, 90d); 30 days by default' })
  @ApiBadRequestResponse({
    schema: {
      example: { errors: [{ field: 'since', message: 'since must be a date (YYYY-MM-DD) or a number of days such as 30d, within the last 400 days' }] },
    },
  })
  sources(@Query('since') since: unknown): Promise<RecruitsReport> {
    const date = sinceDate(since ?? '30d', new Date());
    if (!date)
      throw new InvalidInputError([{ field: 'since', message: 'since must be a date (YYYY-MM-DD) or a number of days such as 30d, within the last 400 days' }]);
    return this.consent.recruits(date);
  }
}
