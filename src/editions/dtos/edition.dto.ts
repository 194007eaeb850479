import { ApiPropertyOptional, ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength, ValidateIf, ValidateNested } from 'class-validator';
import { IsEmailAddress } from '../../common/email-address';

/** The longest note an edition may carry: a few paragraphs, well inside Gmail's 102 kB with every partner piece. */
export const NOTE_MAX_LENGTH = 5000;

export class AudienceDto {
  @ApiProperty({ type: [String], example: ['education', 'health'], description: 'Job sector slugs (GET /api/job-sectors): only readers in these sectors get the edition' })
  @IsString({ each: true, message: 'Each sector must be a job sector slug' })
  @ArrayMaxSize(100)
  @ArrayNotEmpty({ message: 'Choose at least one sector, or leave audience out for every reader' })
  @IsArray({ message: 'sectors must be a list of job sector slugs' })
  sectors!: string[];
}

/** The note's fields, the same when composing and when changing a draft. */
class EditionNoteFields {
  @ApiPropertyOptional({ description: 'The editor’s note at the top of the digest, in Markdown (paragraphs, emphasis, links, lists, block quotes, sub-headings); empty for none', maxLength: NOTE_MAX_LENGTH })
  @IsOptional()
  @MaxLength(NOTE_MAX_LENGTH, { message: `The note may be at most ${NOTE_MAX_LENGTH} characters long` })
  @IsString()
  note?: string;

  @ApiPropertyOptional({ description: 'Sign the note with the name of the editor whose token this is' })
  @IsOptional()
  @IsBoolean()
  signNote?: boolean;
}

export class ComposeEditionDto extends EditionNoteFields {
  @ApiPropertyOptional({ type: AudienceDto, description: 'Default: every active reader of the newsletter' })
  @IsOptional()
  @ValidateNested()
  @Type(() => AudienceDto)
  audience?: AudienceDto;

  @ApiPropertyOptional({ description: 'Default: "<newsletter>: <lead headline>"', maxLength: 300 })
  @IsOptional()
  @MaxLength(300)
  @MinLength(1)
  @IsString()
  subject?: string;

  @ApiPropertyOptional({ description: 'The preview line mail clients show after the subject', maxLength: 300 })
  @IsOptional()
  @MaxLength(300)
  @IsString()
  preheader?: string;

  @ApiPropertyOptional({ type: [Number], description: 'Articles in order; default: those published since the last edition' })
  @IsOptional()
  @Min(1, { each: true, message: 'Each article id must be a positive whole number' })
  @IsInt({ each: true, message: 'Each article id must be a positive whole number' })
  @ArrayMaxSize(50)
  @ArrayNotEmpty({ message: 'Give at least one article id, or leave articleIds out' })
  @IsArray()
  articleIds?: number[];
}

export class TestSendDto {
  @ApiProperty({ example: ['editor@newstatesman.co.uk'], maxItems: 10 })
  @IsEmailAddress({ each: true })
  @ArrayMaxSize(10, { message: 'At most 10 test recipients' })
  @ArrayNotEmpty({ message: 'Give at least one address' })
  @IsArray({ message: 'to must be a list of addresses' })
  to!: string[];
}

export class UpdateEditionDto extends EditionNoteFields {
  @ApiPropertyOptional({ type: AudienceDto, nullable: true, description: 'null: every active reader of the newsletter' })
  @ValidateIf((dto: UpdateEditionDto) => dto.audience !== null && dto.audience !== undefined)
  @ValidateNested()
  @Type(() => AudienceDto)
  audience?: AudienceDto | null;

  @ApiPropertyOptional({ maxLength: 300 })
  @IsOptional()
  @MaxLength(300)
  @MinLength(1)
  @IsString()
  subject?: string;

  @ApiPropertyOptional({ description: 'The preview line after the subject; empty for none', maxLength: 300 })
  @IsOptional()
  @MaxLength(300)
  @IsString()
  preheader?: string;

  @ApiPropertyOptional({ type: [Number], description: 'The articles, in order, replacing the draft’s' })
  @IsOptional()
  @Min(1, { each: true, message: 'Each article id must be a positive whole number' })
  @IsInt({ each: true, message: 'Each article id must be a positive whole number' })
  @ArrayMaxSize(50)
  @ArrayNotEmpty({ message: 'An edition needs at least one article' })
  @IsArray()
  articleIds?: number[];
}

export const EDITION_STATUSES = ['draft', 'sending', 'paused', 'sent', 'cancelled', 'failed'] as const;

export class EditionsQueryDto {
  @ApiPropertyOptional({ example: 'morning-call', description: 'Only this newsletter’s editions' })
  @IsOptional()
  @MaxLength(64)
  @IsString()
  newsletter?: string;

  @ApiPropertyOptional({ enum: EDITION_STATUSES })
  @IsOptional()
  @IsIn(EDITION_STATUSES, { message: `status must be one of ${EDITION_STATUSES.join(', ')}` })
  status?: (typeof EDITION_STATUSES)[number];

  @ApiPropertyOptional({ description: 'The `next` of the previous page: editions older than this id' })
  @IsOptional()
  @Type(() => Number)
  @Min(1, { message: 'before must be an edition id' })
  @IsInt({ message: 'before must be an edition id' })
  before?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @Max(100)
  @Min(1)
  @IsInt({ message: 'limit must be a whole number from 1 to 100' })
  limit?: number;
}
