import { Body, Controller, Get, Param, Put, UseGuards, UsePipes } from '@nestjs/common';
import { MinRole } from '../editors/editor-roles';
import { Audited } from '../editors/audit.interceptor';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength, ValidateIf } from 'class-validator';
import { jsonValidationPipe } from '../common/field-errors';
import { EditorAuthGuard } from '../editors/editor-auth.guard';
import { ScheduleView, SchedulesService } from '../publishing/schedules.service';

export class ScheduleDto {
  @ApiPropertyOptional({ example: '0 7 * * 6', nullable: true, description: 'cron (5 fields, or 6 with seconds); null: only by hand' })
  @ValidateIf((dto: ScheduleDto) => dto.cron !== null)
  @MaxLength(100)
  @IsString({ message: 'cron must be a cron pattern, or null' })
  cron!: string | null;

  @ApiPropertyOptional({ example: 'Europe/London' })
  @IsOptional()
  @MaxLength(64)
  @IsString()
  timezone?: string;
}

@ApiTags('editors')
@ApiBearerAuth()
@MinRole('writer')
@UseGuards(EditorAuthGuard)
@UsePipes(jsonValidationPipe)
@Controller('api/newsletters/:slug/schedule')
export class SchedulesController {
  constructor(private readonly schedules: SchedulesService) {}

  @Get()
  @ApiOperation({ summary: "A newsletter's timetable and its next three runs" })
  view(@Param('slug') slug: string): Promise<ScheduleView> {
    return this.schedules.view(slug);
  }

  @MinRole('editor')
  @Audited('schedule.change')
  @Put()
  @ApiOperation({ summary: 'Change when a newsletter goes out by itself' })
  set(@Param('slug') slug: string, @Body() body: ScheduleDto): Promise<ScheduleView> {
    return this.schedules.set(slug, body.cron, body.timezone);
  }
}
